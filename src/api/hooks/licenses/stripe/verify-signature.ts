import Stripe from "stripe"

export type StripeSignatureCheck = { ok: true; event: Stripe.Event } | { ok: false; message: string }

/**
 * Verifies a delivery with the `stripe` library: the HMAC of the exact raw body
 * under the endpoint's signing secret, and a timestamp within Stripe's default
 * tolerance (5 minutes), so a replayed old delivery is refused too.
 */
export function verifyStripeSignature(
  rawBody: Buffer | string | undefined,
  signature: string | string[] | undefined,
  secret: string
): StripeSignatureCheck {
  if (!rawBody || !rawBody.length) {
    return { ok: false, message: "Missing request body" }
  }
  if (!signature || Array.isArray(signature)) {
    return { ok: false, message: "Missing or repeated Stripe-Signature header" }
  }
  try {
    return { ok: true, event: Stripe.webhooks.constructEvent(rawBody, signature, secret) }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "Invalid signature" }
  }
}
