import { entitlementCovers, releaseEntitlement } from "../entitlement"

const now = new Date("2026-06-01T00:00:00Z")
const days = (n: number) => new Date(now.getTime() + n * 86_400_000)

describe("releaseEntitlement", () => {
  it("a running key is entitled up to its expiry; a lifetime key without a cut-off", () => {
    expect(releaseEntitlement({ status: "active", expires_at: days(30) }, now)).toEqual({ entitled: true, publishedBefore: days(30) })
    expect(releaseEntitlement({ status: "active", expires_at: null }, now)).toEqual({ entitled: true, publishedBefore: null })
  })

  it("a key in grace is entitled, with its expiry as the cut-off", () => {
    expect(releaseEntitlement({ status: "active", expires_at: days(-2), grace_ends_at: days(5) }, now)).toEqual({ entitled: true, publishedBefore: days(-2) })
  })

  it("an expired maintain_access key keeps the releases published before its expiry; revoke_access gets none", () => {
    expect(releaseEntitlement({ status: "active", expires_at: days(-10), expiry_strategy: "maintain_access" }, now)).toEqual({
      entitled: true,
      publishedBefore: days(-10),
    })
    expect(releaseEntitlement({ status: "active", expires_at: days(-10), expiry_strategy: "revoke_access" }, now)).toEqual({ entitled: false })
    expect(releaseEntitlement({ status: "active", expires_at: days(-10), grace_ends_at: days(-3) }, now)).toEqual({ entitled: false })
  })

  it("a revoked or suspended key gets nothing, whatever its strategy", () => {
    for (const status of ["revoked", "suspended"]) {
      expect(releaseEntitlement({ status, expires_at: null, expiry_strategy: "maintain_access" }, now)).toEqual({ entitled: false })
    }
  })
})

describe("entitlementCovers", () => {
  it("covers releases published at or before the cut-off, none after, none unpublished", () => {
    const e = { publishedBefore: days(-10) }
    expect(entitlementCovers(e, days(-11))).toBe(true)
    expect(entitlementCovers(e, days(-10).toISOString())).toBe(true)
    expect(entitlementCovers(e, days(-9))).toBe(false)
    expect(entitlementCovers(e, null)).toBe(false)
    expect(entitlementCovers({ publishedBefore: null }, days(1))).toBe(true)
  })
})
