import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import { updateLicenseWorkflow } from "../../../../workflows/update-license"
import { presentLicense } from "../../../utils/present-license"
import type { AdminUpdateLicense } from "../../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const license = await licenseModule.retrieveLicense(req.params.id, { relations: ["activations", "events"] })
  const byNewest = (a: { created_at: Date | string }, b: { created_at: Date | string }) =>
    new Date(b.created_at).getTime() - new Date(a.created_at).getTime()
  license.events?.sort(byNewest)
  license.activations?.sort(byNewest)
  res.json({ license: presentLicense(license, licenseModule) })
}

/** Edits expiry (null = lifetime), max activations and notes; records an `updated` event. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateLicense>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { result } = await updateLicenseWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id, actor_id: req.auth_context.actor_id },
  })
  const license = await licenseModule.retrieveLicense(req.params.id)
  res.json({ license: presentLicense(license, licenseModule), changes: result.changes })
}
