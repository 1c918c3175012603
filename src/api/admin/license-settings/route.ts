import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { updateLicenseStoreSettingsWorkflow } from "../../../workflows/update-license-store-settings"
import type { AdminUpdateLicenseStoreSettings } from "../validators"

/** The store-wide licensing settings: local and staging site patterns, with the built-in rules. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({ license_store_settings: await licenseModule.getLicenseStoreSettings() })
}

/** Replaces the store's local and staging site patterns (normalised; 400 naming an unusable one). */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateLicenseStoreSettings>, res: MedusaResponse) {
  const { result } = await updateLicenseStoreSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ license_store_settings: result })
}
