import type { MedusaResponse } from "@medusajs/framework/http"
import { RequestErrorCode, type VerifyApiResult } from "../../modules/license/verify/answers"

export function sendInvalidRequest(res: MedusaResponse, message: string) {
  res.status(400).setHeader("Cache-Control", "no-store")
  res.json({ code: RequestErrorCode.INVALID_REQUEST, message })
}

/** 200 with the signed answer, 429 with Retry-After, or 400. */
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
  }
}
