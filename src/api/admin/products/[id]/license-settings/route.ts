import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { updateProductLicenseSettingsWorkflow } from "../../../../../workflows/update-product-license-settings"
import { requireProduct } from "../../../../utils/require-product"
import type { AdminUpdateProductLicenseSettings } from "../../../validators"

/** The product's licensing controls (defaults when never saved). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await requireProduct(req)
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({ license_settings: await licenseModule.getProductLicenseSettings(req.params.id) })
}

/** Saves controls; `api_key` is present (once) when this call generated the product's first API key. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateProductLicenseSettings>, res: MedusaResponse) {
  const { result } = await updateProductLicenseSettingsWorkflow(req.scope).run({
    input: { product_id: req.params.id, update: req.validatedBody },
  })
  const { settings, apiKey } = result
  res.setHeader("Cache-Control", "no-store")
  res.json({ license_settings: settings, ...(apiKey ? { api_key: apiKey } : {}) })
}
