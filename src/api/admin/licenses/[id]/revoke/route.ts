import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { adminRevokeLicenseWorkflow } from "../../../../../workflows/update-license-status"
import { presentLicense } from "../../../../utils/present-license"
import type { AdminRevokeLicense } from "../../../validators"

/** Revokes the license for good, with the admin's reason. */
export async function POST(req: AuthenticatedMedusaRequest<AdminRevokeLicense>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  await adminRevokeLicenseWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason, actor_id: req.auth_context.actor_id },
  })
  res.json({ license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule) })
}
