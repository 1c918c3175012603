import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { adminSuspendLicenseWorkflow } from "../../../../../workflows/update-license-status"
import { presentLicense } from "../../../../utils/present-license"
import type { AdminSuspendLicense } from "../../../validators"

/** Suspends the license: it answers `suspended` until reinstated. */
export async function POST(req: AuthenticatedMedusaRequest<AdminSuspendLicense>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  await adminSuspendLicenseWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason, actor_id: req.auth_context.actor_id },
  })
  res.json({ license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule) })
}
