import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { updateLicenseWorkflow } from "../../../../../workflows/update-license"
import { presentLicense } from "../../../../utils/present-license"
import type { AdminChangeLicenseEntitlements } from "../../../validators"

/**
 * Adds and removes entitlement codes on one key (docs/entitlements-and-license-files.md), through the
 * license edit workflow: one `updated` event with the codes before and after, `license.updated`.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminChangeLicenseEntitlements>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { add, remove } = req.validatedBody
  const { result } = await updateLicenseWorkflow(req.scope).run({
    input: { id: req.params.id, entitlements_add: add ?? [], entitlements_remove: remove ?? [], actor_id: req.auth_context.actor_id },
  })
  const license = await licenseModule.retrieveLicense(req.params.id)
  res.json({ license: presentLicense(license, licenseModule), changes: result.changes })
}
