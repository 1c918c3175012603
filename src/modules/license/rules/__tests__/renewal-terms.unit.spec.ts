import {
  expiryWithoutExtension, reminderOffsets, type RenewalPolicy, renewalPolicyProblem, renewalTermDays, renewalUnitPrice,
  renewedExpiry,
} from "../renewal-terms"

const DAY = 24 * 60 * 60 * 1000
const policy = (over: Partial<RenewalPolicy> = {}): RenewalPolicy => ({
  term_days: 365,
  renewable: true,
  renewal_price_type: "percent_off",
  renewal_discount_percent: 0,
  renewal_fixed_price: null,
  renewal_term_days: null,
  renewal_basis: "from_expiry",
  reminder_offsets_days: null,
  ...over,
})

describe("renewalUnitPrice", () => {
  it.each([
    [49, 0, 49],
    [49, 20, 39.2],
    [149, 15, 126.65],
    [99.99, 33, 66.99],
    [299, 100, 0],
  ])("takes %p less %p%% off: %p", (price, pct, expected) => {
    expect(renewalUnitPrice(policy({ renewal_discount_percent: pct }), price)).toBe(expected)
  })

  it("charges the fixed price whatever the variant costs, rounded to cents", () => {
    expect(renewalUnitPrice(policy({ renewal_price_type: "fixed", renewal_fixed_price: 19.999 }), 149)).toBe(20)
    expect(renewalUnitPrice(policy({ renewal_price_type: "fixed", renewal_fixed_price: 25 }), 10)).toBe(25)
  })
})

describe("renewalTermDays", () => {
  it("defaults to the policy's term, a renewal term wins, a lifetime policy has none", () => {
    expect(renewalTermDays(policy())).toBe(365)
    expect(renewalTermDays(policy({ renewal_term_days: 30 }))).toBe(30)
    expect(renewalTermDays(policy({ term_days: null }))).toBeNull()
  })
})

describe("renewedExpiry", () => {
  const now = new Date("2027-06-01T00:00:00Z")
  const before = new Date("2027-07-01T00:00:00Z")
  const after = new Date("2027-05-01T00:00:00Z")

  it("adds the term to the current expiry under from_expiry, before and after expiry", () => {
    expect(renewedExpiry(before, 365, "from_expiry", now)).toEqual(new Date(before.getTime() + 365 * DAY))
    expect(renewedExpiry(after, 365, "from_expiry", now)).toEqual(new Date(after.getTime() + 365 * DAY))
  })

  it("counts from now under from_now_if_expired only once the key has expired", () => {
    expect(renewedExpiry(before, 30, "from_now_if_expired", now)).toEqual(new Date(before.getTime() + 30 * DAY))
    expect(renewedExpiry(after, 30, "from_now_if_expired", now)).toEqual(new Date(now.getTime() + 30 * DAY))
  })

  it("has nothing to renew on a lifetime key", () => {
    expect(renewedExpiry(null, 30, "from_expiry", now)).toBeNull()
  })
})

describe("expiryWithoutExtension", () => {
  it("takes off exactly that extension's length and keeps a later one", () => {
    const e0 = new Date("2027-01-01T00:00:00Z")
    const e1 = new Date(e0.getTime() + 365 * DAY)
    const e2 = new Date(e1.getTime() + 30 * DAY)
    expect(expiryWithoutExtension(e2, { previous_expires_at: e0, new_expires_at: e1 })).toEqual(new Date(e0.getTime() + 30 * DAY))
    expect(expiryWithoutExtension(e2, { previous_expires_at: e1, new_expires_at: e2 })).toEqual(e1)
  })
})

describe("renewalPolicyProblem", () => {
  it("accepts a plain renewable policy and any non-renewable one", () => {
    expect(renewalPolicyProblem(policy())).toBeNull()
    expect(renewalPolicyProblem(policy({ renewable: false, term_days: null }))).toBeNull()
  })

  it("refuses a renewable lifetime policy without a renewal term, a fixed type without price, a bad percentage", () => {
    expect(renewalPolicyProblem(policy({ term_days: null }))).toMatch(/needs a term/)
    expect(renewalPolicyProblem(policy({ term_days: null, renewal_term_days: 365 }))).toBeNull()
    expect(renewalPolicyProblem(policy({ renewal_price_type: "fixed" }))).toMatch(/renewal_fixed_price is required/)
    expect(renewalPolicyProblem(policy({ renewal_discount_percent: 101 }))).toMatch(/between 0 and 100/)
  })
})

describe("reminderOffsets", () => {
  it("defaults to -30, -7, +1, +7; an empty list means none; sorted and unique", () => {
    expect(reminderOffsets(policy())).toEqual([-30, -7, 1, 7])
    expect(reminderOffsets(policy({ reminder_offsets_days: [] }))).toEqual([])
    expect(reminderOffsets(policy({ reminder_offsets_days: [3, -14, 3] }))).toEqual([-14, 3])
  })
})
