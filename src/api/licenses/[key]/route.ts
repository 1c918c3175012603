import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendLicenseLookup } from "../lookup-handler"

export const AUTHENTICATE = false

/**
 * GET /licenses/:key: a license's details for the product's own server (product API key required); no side effect.
 * Kept for compatibility: POST /licenses/lookup is the one to use, it keeps the key out of URLs (docs/product-controls.md).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await sendLicenseLookup(req, res, req.params.key)
}
