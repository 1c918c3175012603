import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentTransferRequest } from "../../present"
import type { AdminDecideLicenseTransfer } from "../../validators"

/** Denies a pending request: nothing but the request changes. */
export async function POST(req: AuthenticatedMedusaRequest<AdminDecideLicenseTransfer>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const request = await licenseModule.denyLicenseTransfer(
    req.params.id,
    req.auth_context.actor_id,
    req.validatedBody.note ?? null
  )
  res.json({ transfer: presentTransferRequest(request) })
}
