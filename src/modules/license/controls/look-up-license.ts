import { listHeldActivations } from "../activations/customer"
import { bearerToken, hashProductApiKey } from "../rules/api-key"
import { INVALID_API_KEY, rateLimited, VERIFY_MESSAGES } from "../rules/verify-answers"
import type LicenseModuleService from "../service"
import { findProductByApiKeyHash, findProductSettings } from "../sql/product-settings"
import { failedAttempt, verifyCaller } from "../verify/verify-license"
import { type LicenseLookupRequest, type LicenseLookupResult, presentLicenseForProduct } from "./license-lookup"

/**
 * Answers `GET /licenses/:key` for a seller's server: the license's details,
 * with no side effect (no activation, no last-seen, no event). The product
 * API key says which product asks, so a key of another product is simply
 * not found. A missing or wrong API key, a malformed or unknown key count
 * against the caller's failure budget like failed verifies (the Verify API's
 * caller and budget, verify/verify-license.ts).
 */
export async function lookUpLicenseForProduct(
  this: LicenseModuleService,
  request: LicenseLookupRequest
): Promise<LicenseLookupResult> {
  const runtime = this.verifyRuntime()
  const caller = verifyCaller(this, { ...request, domain: null }, runtime)
  if ("type" in caller) {
    return caller
  }
  const retryAfter = await caller.limit
  if (retryAfter !== null) {
    return rateLimited(retryAfter)
  }
  const failed = (result: LicenseLookupResult) => failedAttempt(runtime, caller, result)
  const token = bearerToken(request.authorization)
  const productId = token ? await findProductByApiKeyHash(runtime.knex, hashProductApiKey(token)) : null
  if (!productId) {
    return await failed(INVALID_API_KEY)
  }
  const body = this.keys_.body(request.license_key)
  if (!body) {
    return await failed({ type: "malformed", message: VERIFY_MESSAGES.malformed })
  }
  const [license] = await this.listLicenses({ key_hash: this.keys_.hash(body), product_id: productId }, { take: 1 })
  if (!license) {
    return await failed({ type: "not_found", message: VERIFY_MESSAGES.not_found })
  }
  const activations = await listHeldActivations(this, license.id)
  const settings = await findProductSettings(runtime.knex, productId)
  return {
    type: "license",
    license_id: license.id,
    customer_id: license.customer_id,
    license: presentLicenseForProduct({ ...license, activations }, settings, this.keys_.format(body)),
  }
}
