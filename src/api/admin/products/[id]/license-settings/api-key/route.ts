import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../modules/license"
import type LicenseModuleService from "../../../../../../modules/license/service"
import { requireProduct } from "../../../../../utils/require-product"

/** Generates or rotates the product's API key: the full key is in this answer only; the old key stops working at once. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await requireProduct(req)
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { settings, apiKey } = await licenseModule.rotateProductApiKey(req.params.id)
  res.setHeader("Cache-Control", "no-store")
  res.json({ license_settings: settings, api_key: apiKey })
}
