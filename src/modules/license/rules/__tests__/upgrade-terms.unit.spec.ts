import { upgradePaths, upgradePathsProblem, upgradeUnitPrice } from "../upgrade-terms"

const DAY = 24 * 60 * 60 * 1000
const now = new Date("2026-12-07T12:00:00.000Z")
const left = (days: number) => new Date(now.getTime() + days * DAY)

describe("upgradeUnitPrice", () => {
  it.each([
    ["half a year left of a 365-day term", 49, 149, left(182.5), 365, 50],
    ["a whole term left", 49, 149, left(365), 365, 100],
    ["one day left", 49, 149, left(1), 365, 0.27],
    ["one hour left", 49, 149, left(1 / 24), 365, 0.01],
    ["two terms left after a renewal", 49, 149, left(730), 365, 200],
    ["a lifetime key: the full difference", 149, 299, null, null, 150],
    ["a key that has not started its term yet", 49, 149, null, 365, 100],
    ["a cheaper target", 149, 49, left(100), 365, 0],
    ["the same price", 49, 49, left(100), 365, 0],
    ["cents, rounded half up: 100 x 100/365 = 27.397", 49.99, 149.99, left(100), 365, 27.4],
    ["half a cent rounds up: 0.01 x 1/2", 10, 10.01, left(15), 30, 0.01],
    ["prices with float noise: 0.1 + 0.2 to 1", 0.1 + 0.2, 1, left(30), 30, 0.7],
  ])("%s", (_case, from, to, expires, term, expected) => {
    expect(upgradeUnitPrice({ from_price: from, to_price: to, expires_at: expires, term_days: term, now })).toEqual({ type: "price", unit_price: expected })
  })

  it("refuses an expired key, and one expiring this very moment", () => {
    expect(upgradeUnitPrice({ from_price: 49, to_price: 149, expires_at: left(-1), term_days: 365, now })).toEqual({ type: "expired" })
    expect(upgradeUnitPrice({ from_price: 49, to_price: 149, expires_at: now, term_days: 365, now })).toEqual({ type: "expired" })
  })
})

describe("upgrade paths", () => {
  it("reads a stored list without duplicates or blanks; none when unset", () => {
    expect(upgradePaths({ upgrade_paths: ["v2", "v3", "v2", ""] })).toEqual(["v2", "v3"])
    expect(upgradePaths({ upgrade_paths: null })).toEqual([])
    expect(upgradePaths(null)).toEqual([])
  })

  it("allows only other licensed variants of the product", () => {
    const licensed = new Set(["v1", "v2", "v3"])
    expect(upgradePathsProblem("v1", ["v2", "v3"], licensed)).toBeNull()
    expect(upgradePathsProblem("v1", [], licensed)).toBeNull()
    expect(upgradePathsProblem("v1", ["v1"], licensed)).toMatch(/itself/)
    expect(upgradePathsProblem("v1", ["v2", "v9"], licensed)).toMatch(/not: v9/)
  })
})
