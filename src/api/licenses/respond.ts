import type { MedusaResponse } from "@medusajs/framework/http"
import type { LicenseLookupResult } from "../../modules/license/controls/license-lookup"
import { RequestErrorCode, type VerifyApiResult } from "../../modules/license/rules/verify-answers"

/**
 * Writes a JSON answer that is never cached. Written directly: these answers
 * are never revalidated, so express' ETag hashing and freshness check would be
 * wasted work (it matters most for the 429s of an attacker).
 */
function sendJson(res: MedusaResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  for (const [name, value] of Object.entries(headers)) {
    res.setHeader(name, value)
  }
  res.end(JSON.stringify(body))
}

export function sendInvalidRequest(res: MedusaResponse, message: string) {
  sendJson(res, 400, { code: RequestErrorCode.INVALID_REQUEST, message })
}

/** 200 with the signed answer, 429 with Retry-After, 401 for a missing or wrong product API key, or 400. */
export function sendVerifyApiResult<T>(res: MedusaResponse, result: VerifyApiResult<T>) {
  switch (result.type) {
    case "answer":
      sendJson(res, 200, result.answer)
      return
    case "rate_limited":
      sendJson(
        res,
        429,
        { code: RequestErrorCode.RATE_LIMITED, message: result.message, retry_after: result.retry_after },
        { "Retry-After": String(result.retry_after) }
      )
      return
    case "invalid_request":
      sendInvalidRequest(res, result.message)
      return
    case "invalid_api_key":
      sendJson(
        res,
        401,
        { code: RequestErrorCode.INVALID_API_KEY, message: result.message },
        { "WWW-Authenticate": 'Bearer realm="licenses"' }
      )
      return
  }
}

/** 200 with the license, 400 malformed, 404 not_found, or the 401 / 429 / 400 every Verify API route answers. */
export function sendLicenseLookupResult(res: MedusaResponse, result: LicenseLookupResult) {
  switch (result.type) {
    case "license":
      sendJson(res, 200, { license: result.license })
      return
    case "malformed":
    case "not_found":
      sendJson(res, result.type === "malformed" ? 400 : 404, { code: result.type, message: result.message })
      return
    default:
      sendVerifyApiResult(res, result)
  }
}
