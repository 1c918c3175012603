import { trialEmail, trialSlot, trialUnitsToIssue, withTrialDefaults } from "../trials"

describe("trial rules", () => {
  it("one trial unit per (product, e-mail) in any letter case, none where a trial exists, none without product or e-mail", () => {
    const units = [
      { id: 1, product_id: "prod_a", customer_email: "Ann@Example.com" },
      { id: 2, product_id: "prod_a", customer_email: "ann@example.com " },
      { id: 3, product_id: "prod_b", customer_email: "ann@example.com" },
      { id: 4, product_id: "prod_c", customer_email: "ann@example.com" },
      { id: 5, product_id: null, customer_email: "ann@example.com" },
      { id: 6, product_id: "prod_a", customer_email: null },
    ]
    const granted = trialUnitsToIssue(units, new Set([trialSlot("prod_c", "ann@example.com")]))
    expect([...granted].map((u) => u.id)).toEqual([1, 3])
  })

  it("e-mails compare trimmed and lower-cased", () => {
    expect(trialEmail("  Bob@Example.COM ")).toBe("bob@example.com")
    expect(trialEmail("")).toBeNull()
    expect(trialEmail(null)).toBeNull()
  })

  it("a trial policy counts from the first activation unless a basis is given; other policies are left alone", () => {
    expect(withTrialDefaults({ trial: true })).toEqual({ trial: true, expiry_basis: "from_first_activation" })
    expect(withTrialDefaults({ trial: true, expiry_basis: "from_issuance" as const })).toEqual({ trial: true, expiry_basis: "from_issuance" })
    expect(withTrialDefaults({ trial: false })).toEqual({ trial: false })
    expect(withTrialDefaults({})).toEqual({})
  })
})
