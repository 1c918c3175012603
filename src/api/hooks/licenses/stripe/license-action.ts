import type Stripe from "stripe"

/** What a Stripe event means for the license keys of the order it pays for. */
export type StripeLicenseAction =
  | { type: "refund"; payment_intent_id: string; amounts: { refunded: number; paid: number }; data: Record<string, unknown> }
  | { type: "suspend"; payment_intent_id: string; dispute_id: string; data: Record<string, unknown> }
  | { type: "dispute_closed"; payment_intent_id: string; dispute_id: string; status: string; data: Record<string, unknown> }
  | { type: "ignore"; reason: string }

/** The reason recorded on keys a dispute suspends; reinstatement matches on it. */
export { DISPUTE_REASON, DISPUTE_WON_REASON } from "../../../../workflows/apply-stripe-license-event"

const intentId = (value: string | { id: string } | null | undefined): string | null =>
  !value ? null : typeof value === "string" ? value : value.id

/**
 * Maps a verified Stripe event to a license action:
 * - `charge.refunded`: revoke (full or partial decided later by `revokeOn`, from
 *   the charge's `amount_refunded` and `amount`, both in the smallest currency unit);
 * - `charge.dispute.created`: suspend;
 * - `charge.dispute.closed`: record the outcome; `won` reinstates what the dispute
 *   suspended, a lost or otherwise closed dispute leaves the keys suspended for
 *   the admin to decide.
 */
export function licenseActionForStripeEvent(event: Stripe.Event): StripeLicenseAction {
  const base = { source: "stripe", stripe_event_id: event.id, stripe_event_type: event.type }
  switch (event.type) {
    case "charge.refunded": {
      const charge = event.data.object
      const paymentIntent = intentId(charge.payment_intent)
      if (!paymentIntent) {
        return { type: "ignore", reason: "charge without payment intent" }
      }
      return {
        type: "refund",
        payment_intent_id: paymentIntent,
        amounts: { refunded: charge.amount_refunded, paid: charge.amount },
        data: { ...base, charge_id: charge.id, payment_intent_id: paymentIntent, currency: charge.currency },
      }
    }
    case "charge.dispute.created": {
      const dispute = event.data.object
      const paymentIntent = intentId(dispute.payment_intent)
      if (!paymentIntent) {
        return { type: "ignore", reason: "dispute without payment intent" }
      }
      return {
        type: "suspend",
        payment_intent_id: paymentIntent,
        dispute_id: dispute.id,
        data: { ...base, dispute_id: dispute.id, dispute_reason: dispute.reason, payment_intent_id: paymentIntent },
      }
    }
    case "charge.dispute.closed": {
      const dispute = event.data.object
      const paymentIntent = intentId(dispute.payment_intent)
      if (!paymentIntent) {
        return { type: "ignore", reason: "dispute without payment intent" }
      }
      return {
        type: "dispute_closed",
        payment_intent_id: paymentIntent,
        dispute_id: dispute.id,
        status: dispute.status,
        data: { ...base, dispute_id: dispute.id, dispute_status: dispute.status, payment_intent_id: paymentIntent },
      }
    }
    default:
      return { type: "ignore", reason: `event type ${event.type} is not handled` }
  }
}
