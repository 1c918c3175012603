import { refundRevokesLicenses, resolveLicenseOptions, RevokeOn } from "../../modules/license/options"
import { orderRefundAmounts } from "../steps/decide-refund-revocation"

const SECRET = "x".repeat(40)

describe("refundRevokesLicenses", () => {
  it("any_refund (the default) revokes on any amount refunded, and not without one", () => {
    expect(refundRevokesLicenses(RevokeOn.ANY_REFUND, { refunded: 0.01, paid: 149 })).toBe(true)
    expect(refundRevokesLicenses(RevokeOn.ANY_REFUND, { refunded: 149, paid: 149 })).toBe(true)
    expect(refundRevokesLicenses(RevokeOn.ANY_REFUND, { refunded: 0, paid: 149 })).toBe(false)
  })

  it("full_refund revokes only once everything paid is refunded", () => {
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 10, paid: 149 })).toBe(false)
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 148.99, paid: 149 })).toBe(false)
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 149, paid: 149 })).toBe(true)
    // Decimal rounding of a refund split over several refunds.
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 0.1 + 0.2 + 148.7, paid: 149 })).toBe(true)
    // Stripe amounts, in cents.
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 14899, paid: 14900 })).toBe(false)
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 14900, paid: 14900 })).toBe(true)
    expect(refundRevokesLicenses(RevokeOn.FULL_REFUND, { refunded: 0, paid: 0 })).toBe(false)
  })
})

describe("revocation options", () => {
  const env = process.env.STRIPE_LICENSE_WEBHOOK_SECRET
  afterEach(() => {
    process.env.STRIPE_LICENSE_WEBHOOK_SECRET = env
  })

  it("defaults to any_refund and reads the Stripe secret from the option, else the environment", () => {
    delete process.env.STRIPE_LICENSE_WEBHOOK_SECRET
    expect(resolveLicenseOptions({ secret: SECRET }).revocation).toEqual({ revokeOn: "any_refund", stripeWebhookSecret: null })
    process.env.STRIPE_LICENSE_WEBHOOK_SECRET = "whsec_env"
    expect(resolveLicenseOptions({ secret: SECRET }).revocation.stripeWebhookSecret).toBe("whsec_env")
    expect(
      resolveLicenseOptions({ secret: SECRET, revokeOn: "full_refund", stripeWebhookSecret: "whsec_option" }).revocation
    ).toEqual({ revokeOn: "full_refund", stripeWebhookSecret: "whsec_option" })
    expect(resolveLicenseOptions({ secret: SECRET, revokeOn: "" }).revocation.revokeOn).toBe("any_refund")
  })

  it("refuses an unknown revokeOn at boot", () => {
    expect(() => resolveLicenseOptions({ secret: SECRET, revokeOn: "partial" })).toThrow(/revokeOn/)
  })
})

describe("orderRefundAmounts", () => {
  it("sums captures (else the authorized amount) and refunds over every payment of the order", () => {
    expect(
      orderRefundAmounts({
        payment_collections: [
          {
            payments: [
              { amount: 149, captures: [{ amount: 100 }, { amount: "49" }], refunds: [{ amount: 10 }] },
              { amount: 20, captures: [], refunds: [] },
            ],
          },
          { payments: [{ amount: { toString: () => "5" }, captures: null, refunds: [{ amount: 5 }] }] },
          null,
        ],
      })
    ).toEqual({ paid: 174, refunded: 15 })
    expect(orderRefundAmounts({})).toEqual({ paid: 0, refunded: 0 })
  })
})
