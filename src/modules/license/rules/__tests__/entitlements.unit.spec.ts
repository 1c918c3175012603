import { changeEntitlements, checkedEntitlements, entitlementFields, isEntitlementCode, missingEntitlements } from "../entitlements"

describe("entitlement codes", () => {
  it("accepts lower-case groups joined by single - _ or ., 2 to 64 characters", () => {
    for (const good of ["pro-export", "priority-support", "sso", "v2.api", "seats_10", "a".repeat(64)]) {
      expect([good, isEntitlementCode(good)]).toEqual([good, true])
    }
    for (const bad of ["Pro-Export", "pro--export", "-pro", "pro-", "x", "", "pro export", "a".repeat(65), 12, null]) {
      expect([bad, isEntitlementCode(bad)]).toEqual([bad, false])
    }
  })

  it("checks input (typed 400 naming the bad codes) and stores a sorted set", () => {
    expect(checkedEntitlements(["sso", "pro-export", "sso"])).toEqual(["pro-export", "sso"])
    expect(() => checkedEntitlements(["sso", "Bad Code"], "variant v1: ")).toThrow(/^invalid_entitlement: variant v1: "Bad Code"\./)
    expect(() => checkedEntitlements(Array.from({ length: 101 }, (_, i) => `code-${i}`))).toThrow(/at most 100 codes/)
  })

  it("adds then removes; a code in both ends up removed", () => {
    expect(changeEntitlements(["b", "a"].map((c) => `${c}${c}`), { add: ["cc"], remove: ["aa"] })).toEqual(["bb", "cc"])
    expect(changeEntitlements(null, { add: ["xx"], remove: ["xx"] })).toEqual([])
  })

  it("lists the asked codes a key lacks, in the order asked, or null", () => {
    expect(missingEntitlements(["pro-export"], ["sso", "pro-export", "white-label", "sso"])).toEqual(["sso", "white-label"])
    expect(missingEntitlements(["pro-export"], ["pro-export"])).toBeNull()
    expect(missingEntitlements([], [])).toBeNull()
    expect(missingEntitlements(null, undefined)).toBeNull()
  })

  it("answers the codes in valid answers and with entitlements_missing, null otherwise", () => {
    const row = { entitlements: ["pro-export"] }
    expect(entitlementFields("valid", row, null)).toEqual({ entitlements: ["pro-export"] })
    expect(entitlementFields("entitlements_missing", row, ["sso"])).toEqual({ entitlements: ["pro-export"], entitlements_missing: ["sso"] })
    expect(entitlementFields("revoked", row, null)).toEqual({ entitlements: null })
    expect(entitlementFields("not_found", null, null)).toEqual({ entitlements: null })
  })
})
