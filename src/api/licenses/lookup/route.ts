import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendLicenseLookup } from "../lookup-handler"
import type { LicenseLookupRequest } from "../validators"

export const AUTHENTICATE = false

/**
 * POST /licenses/lookup {license_key}: a license's details for the product's own
 * server (product API key required); no side effect. The key is in the body, so
 * it stays out of URLs and request logs (docs/product-controls.md).
 */
export async function POST(req: MedusaRequest<LicenseLookupRequest>, res: MedusaResponse) {
  await sendLicenseLookup(req, res, req.validatedBody.license_key)
}
