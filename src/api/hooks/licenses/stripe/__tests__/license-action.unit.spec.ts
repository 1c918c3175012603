import Stripe from "stripe"
import { licenseActionForStripeEvent } from "../license-action"
import { verifyStripeSignature } from "../verify-signature"

const event = (type: string, object: Record<string, unknown>) =>
  ({ id: "evt_1", object: "event", type, data: { object } }) as unknown as Stripe.Event

describe("licenseActionForStripeEvent", () => {
  it("charge.refunded revokes with the charge's amounts, whatever the payment_intent's shape", () => {
    const charge = { id: "ch_1", object: "charge", amount: 14900, amount_refunded: 1000, currency: "usd" }
    expect(licenseActionForStripeEvent(event("charge.refunded", { ...charge, payment_intent: "pi_1" }))).toMatchObject({
      type: "refund",
      payment_intent_id: "pi_1",
      amounts: { refunded: 1000, paid: 14900 },
      data: { source: "stripe", stripe_event_id: "evt_1", charge_id: "ch_1" },
    })
    expect(
      licenseActionForStripeEvent(event("charge.refunded", { ...charge, payment_intent: { id: "pi_2", object: "payment_intent" } }))
    ).toMatchObject({ type: "refund", payment_intent_id: "pi_2" })
    expect(licenseActionForStripeEvent(event("charge.refunded", { ...charge, payment_intent: null }))).toMatchObject({
      type: "ignore",
    })
  })

  it("a dispute created suspends; closed records its outcome (won, lost or a warning closed) for the workflow", () => {
    const dispute = { id: "dp_1", object: "dispute", payment_intent: "pi_1", reason: "fraudulent" }
    expect(licenseActionForStripeEvent(event("charge.dispute.created", { ...dispute, status: "needs_response" }))).toMatchObject({
      type: "suspend",
      payment_intent_id: "pi_1",
      dispute_id: "dp_1",
      data: { dispute_id: "dp_1" },
    })
    for (const status of ["won", "lost", "warning_closed"]) {
      expect(licenseActionForStripeEvent(event("charge.dispute.closed", { ...dispute, status }))).toMatchObject({
        type: "dispute_closed",
        payment_intent_id: "pi_1",
        dispute_id: "dp_1",
        status,
        data: { dispute_id: "dp_1", dispute_status: status },
      })
    }
    expect(licenseActionForStripeEvent(event("charge.dispute.closed", { ...dispute, payment_intent: null, status: "won" }))).toMatchObject({
      type: "ignore",
    })
  })

  it("ignores every other event type", () => {
    expect(licenseActionForStripeEvent(event("payment_intent.succeeded", { id: "pi_1" }))).toMatchObject({ type: "ignore" })
  })
})

describe("verifyStripeSignature", () => {
  const secret = "whsec_unit"
  const payload = JSON.stringify({ id: "evt_1", object: "event", type: "charge.refunded", data: { object: {} } })

  it("accepts the library's own test signature of the exact bytes", () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret })
    const check = verifyStripeSignature(Buffer.from(payload), header, secret)
    expect(check.ok && check.event.id).toBe("evt_1")
  })

  it("refuses a missing, repeated, wrongly keyed, stale or body-mismatched signature", () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret })
    expect(verifyStripeSignature(Buffer.from(payload), undefined, secret).ok).toBe(false)
    expect(verifyStripeSignature(Buffer.from(payload), [header, header], secret).ok).toBe(false)
    expect(verifyStripeSignature(undefined, header, secret).ok).toBe(false)
    expect(verifyStripeSignature(Buffer.from(payload), header, "whsec_other").ok).toBe(false)
    expect(verifyStripeSignature(Buffer.from(payload.replace("evt_1", "evt_2")), header, secret).ok).toBe(false)
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 3600 })
    expect(verifyStripeSignature(Buffer.from(payload), stale, secret).ok).toBe(false)
  })
})
