import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { KEYPORT_VALIDATE_STATUS } from "../../../../modules/license/rules/keyport"
import { VERIFY_MESSAGES } from "../../../../modules/license/rules/verify-answers"
import { callerOf } from "../../../licenses/caller"
import { sendLicenseLookupResult, sendVerifyApiResult } from "../../../licenses/respond"
import { keyPortApiOn, licenseModule, lookUpForProduct, presentKeyPortLicense, sendKeyPortJson } from "../keyport"
import type { KeyPortValidateRequest } from "../validators"

export const AUTHENTICATE = false

/**
 * POST /api/v1/validate (KeyPort's validate; docs/migrating-from-keyport.md): our Verify API
 * (a slot for the caller's domain, else its IP; version gating; every control of the product)
 * for the product whose API key is the Bearer token, answered with KeyPort's status names.
 * A key of another product, or none, is `invalid` without a verify.
 */
export async function POST(req: MedusaRequest<KeyPortValidateRequest>, res: MedusaResponse) {
  if (!keyPortApiOn(req, res)) {
    return
  }
  const body = req.validatedBody
  const found = await lookUpForProduct(req, body.license_key)
  if (found.type === "malformed" || found.type === "not_found") {
    return sendKeyPortJson(res, { valid: false, status: KEYPORT_VALIDATE_STATUS[found.type], code: found.type, message: VERIFY_MESSAGES[found.type], license: null })
  }
  if (found.type !== "license") {
    return sendLicenseLookupResult(res, found)
  }
  const result = await licenseModule(req).verifyLicense({
    license_key: body.license_key,
    domain: body.domain ?? null,
    version: body.version ?? null,
    product_id: found.license.product_id,
    ...callerOf(req),
  })
  if (result.type !== "answer") {
    return sendVerifyApiResult(res, result)
  }
  const { answer } = result
  // The license as it is after this verify (a new slot counts), without its key: the caller has it.
  const after = await lookUpForProduct(req, body.license_key)
  let license: Omit<Awaited<ReturnType<typeof presentKeyPortLicense>>, "license_key"> | null = null
  if (after.type === "license") {
    const { license_key: _key, ...rest } = await presentKeyPortLicense(req.scope, after)
    license = rest
  }
  sendKeyPortJson(res, {
    valid: answer.valid,
    status: KEYPORT_VALIDATE_STATUS[answer.code],
    code: answer.code,
    message: answer.message,
    license,
  })
}
