import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { sendInvalidRequest } from "./respond"
import { findNul } from "../input-guard/nul"
import { nulMessage } from "../input-guard/respond"
import { LicenseCheckoutSchema, LicenseLookupSchema, LicenseRequestSchema } from "./validators"

/**
 * Validates the body with zod; a failure is 400 `invalid_request` naming the
 * field. A NUL byte anywhere in the body is refused first, as on every plugin
 * route (these routes read their body after the shared input guard has run).
 */
export const validateBody =
  (schema: z.ZodType) =>
  (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const nul = findNul(body)
    if (nul) {
      sendInvalidRequest(res, nulMessage(nul))
      return
    }
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      sendInvalidRequest(res, describeIssue(parsed.error.issues[0], body))
      return
    }
    req.validatedBody = parsed.data
    next()
  }

/** POST /licenses/verify and /licenses/deactivate. */
export const validateLicenseRequest = validateBody(LicenseRequestSchema)
/** POST /licenses/checkout (docs/entitlements-and-license-files.md). */
export const validateLicenseCheckout = validateBody(LicenseCheckoutSchema)
/** POST /licenses/lookup. */
export const validateLicenseLookup = validateBody(LicenseLookupSchema)

function describeIssue(issue: z.core.$ZodIssue | undefined, body: Record<string, unknown>): string {
  if (!issue) {
    return "The request is invalid"
  }
  const field = issue.path.map(String).join(".") || "body"
  switch (issue.code) {
    case "invalid_type":
      return body[String(issue.path[0])] === undefined ? `${field} is required` : `${field} must be a string`
    case "too_small":
      return `${field} is required`
    case "too_big":
      return `${field} is too long (at most ${issue.maximum} characters)`
    default:
      return `${field} is invalid`
  }
}
