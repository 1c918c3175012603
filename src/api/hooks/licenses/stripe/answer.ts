import { RevokeReason } from "../../../../modules/license/service"
import type { ApplyStripeLicenseEventResult } from "../../../../workflows/apply-stripe-license-event"
import type { StripeLicenseAction } from "./license-action"

export type StripeWebhookAnswer = {
  received: true
  action: "revoke" | "suspend" | "reinstate" | "ignored"
  order_id: string | null
  changed: number
  duplicate: boolean
  reason?: string
}

/** The 200 body for an event the workflow handled: what it did, or why it did nothing. */
export function stripeWebhookAnswer(
  action: Exclude<StripeLicenseAction, { type: "ignore" }>,
  result: ApplyStripeLicenseEventResult
): StripeWebhookAnswer {
  const base = { received: true as const, order_id: result.order_id, changed: result.changed.length, duplicate: result.duplicate }
  if (!result.order_id) {
    return { ...base, action: "ignored", reason: "unknown payment intent" }
  }
  if (result.duplicate) {
    return { ...base, action: "ignored", reason: "event already processed" }
  }
  switch (action.type) {
    case "refund":
      return result.revoke
        ? { ...base, action: "revoke", reason: RevokeReason.REFUND }
        : { ...base, action: "ignored", reason: "partial refund" }
    case "suspend":
      return result.skipped ? { ...base, action: "ignored", reason: result.skipped } : { ...base, action: "suspend" }
    case "dispute_closed":
      return action.status === "won"
        ? { ...base, action: "reinstate" }
        : { ...base, action: "ignored", reason: `dispute closed with status ${action.status}` }
  }
}
