import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendLicenseLookupResult } from "../../../../licenses/respond"
import { keyPortApiOn, lookUpForProduct, presentKeyPortLicense, sendKeyPortJson } from "../../keyport"

export const AUTHENTICATE = false

/**
 * GET /api/v1/license/:key (KeyPort's lookup; docs/migrating-from-keyport.md): the license in
 * KeyPort's fields, for the product whose API key is the Bearer token. Read-only: our product
 * lookup, no activation, no event, no usage count. The key in the path is masked in the request
 * log (src/api/input-guard/mask-keys.ts).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  if (!keyPortApiOn(req, res)) {
    return
  }
  const found = await lookUpForProduct(req, req.params.key)
  if (found.type !== "license") {
    return sendLicenseLookupResult(res, found)
  }
  sendKeyPortJson(res, await presentKeyPortLicense(req.scope, found))
}
