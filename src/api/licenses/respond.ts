import type { MedusaResponse } from "@medusajs/framework/http"
import type { LicenseLookupResult } from "../../modules/license/controls/license-lookup"
import { RequestErrorCode, type VerifyApiResult } from "../../modules/license/verify/answers"

export function sendInvalidRequest(res: MedusaResponse, message: string) {
  res.status(400).setHeader("Cache-Control", "no-store")
  res.json({ code: RequestErrorCode.INVALID_REQUEST, message })
}

/** 200 with the signed answer, 429 with Retry-After, 401 for a missing or wrong product API key, or 400. */
export function sendVerifyApiResult<T>(res: MedusaResponse, result: VerifyApiResult<T>) {
  res.setHeader("Cache-Control", "no-store")
  switch (result.type) {
    case "answer":
      // Written directly: an answer is never cached or revalidated, so
      // express' ETag hashing and freshness check would be wasted work.
      res.statusCode = 200
      res.setHeader("Content-Type", "application/json; charset=utf-8")
      res.end(JSON.stringify(result.answer))
      return
    case "rate_limited":
      res.setHeader("Retry-After", String(result.retry_after))
      res.status(429).json({ code: RequestErrorCode.RATE_LIMITED, message: result.message, retry_after: result.retry_after })
      return
    case "invalid_request":
      sendInvalidRequest(res, result.message)
      return
    case "invalid_api_key":
      res.setHeader("WWW-Authenticate", 'Bearer realm="licenses"')
      res.status(401).json({ code: RequestErrorCode.INVALID_API_KEY, message: result.message })
      return
  }
}

/** 200 with the license, 400 malformed, 404 not_found, or the 401 / 429 / 400 every Verify API route answers. */
export function sendLicenseLookupResult(res: MedusaResponse, result: LicenseLookupResult) {
  switch (result.type) {
    case "license":
      res.setHeader("Cache-Control", "no-store")
      res.json({ license: result.license })
      return
    case "malformed":
    case "not_found":
      res.setHeader("Cache-Control", "no-store")
      res.status(result.type === "malformed" ? 400 : 404).json({ code: result.type, message: result.message })
      return
    default:
      sendVerifyApiResult(res, { ...result })
  }
}
