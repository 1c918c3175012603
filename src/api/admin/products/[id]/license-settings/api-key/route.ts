import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rotateProductApiKeyWorkflow } from "../../../../../../workflows/rotate-product-api-key"

/** Generates or rotates the product's API key: the full key is in this answer only; the old key stops working at once. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await rotateProductApiKeyWorkflow(req.scope).run({ input: { product_id: req.params.id } })
  res.setHeader("Cache-Control", "no-store")
  res.json({ license_settings: result.settings, api_key: result.apiKey })
}
