import { afterOneDeactivation, budgetExhausted, deactivationLimit } from "../deactivation-budget"

describe("deactivationLimit", () => {
  it("defaults to 3 x max_activations, unlimited for an unlimited license", () => {
    expect(deactivationLimit(null, null, 1)).toEqual({ limit: 3, source: "default" })
    expect(deactivationLimit(null, null, 5)).toEqual({ limit: 15, source: "default" })
    expect(deactivationLimit(null, null, 0)).toEqual({ limit: null, source: "default" })
  })

  it("the policy's N wins over the default, the license's over the policy; 0 = unlimited", () => {
    expect(deactivationLimit(null, 7, 1)).toEqual({ limit: 7, source: "policy" })
    expect(deactivationLimit(null, 0, 1)).toEqual({ limit: null, source: "policy" })
    expect(deactivationLimit(2, 7, 1)).toEqual({ limit: 2, source: "license" })
    expect(deactivationLimit(0, 7, 1)).toEqual({ limit: null, source: "license" })
    expect(deactivationLimit(4, null, 0)).toEqual({ limit: 4, source: "license" })
  })
})

describe("afterOneDeactivation", () => {
  it("counts one more and opens the window at the first one", () => {
    const now = new Date("2026-12-01T00:00:00Z")
    const budget = { limit: 3, used: 2, remaining: 1, next_available_at: null, source: "default" as const }
    const after = afterOneDeactivation(budget, now)
    expect(after).toMatchObject({ used: 3, remaining: 0 })
    expect(after.next_available_at!.toISOString()).toBe("2026-12-31T00:00:00.000Z")
    expect(budgetExhausted(after)).toBe(true)
    expect(budgetExhausted(budget)).toBe(false)
    const unlimited = afterOneDeactivation({ ...budget, limit: null, remaining: null }, now)
    expect(unlimited.remaining).toBeNull()
    expect(budgetExhausted(unlimited)).toBe(false)
  })
})
