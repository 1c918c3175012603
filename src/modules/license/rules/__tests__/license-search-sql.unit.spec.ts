import { buildLicenseSearchSql } from "../license-search-sql"

const noKey = () => null
const now = new Date("2026-12-09T12:00:00Z")

describe("buildLicenseSearchSql", () => {
  it("excludes soft-deleted rows when nothing is filtered", () => {
    expect(buildLicenseSearchSql({}, noKey, now)).toEqual({ where: "deleted_at IS NULL", values: [] })
  })

  it("passes every typed value as a parameter, numbered from the first one it may use", () => {
    const hostile = "x' OR 1=1 --"
    const { where, values } = buildLicenseSearchSql(
      { q: hostile, customer_id: [hostile], product_id: hostile, status: ["revoked", "expired"] },
      noKey,
      now,
      3
    )
    expect(where).not.toContain("1=1")
    expect(values).toEqual([[hostile], hostile, now, "revoked", hostile.toUpperCase(), `%${hostile}%`])
    expect(where.match(/\$\d+/g)).toEqual(["$3", "$4", "$6", "$5", "$5", "$7", "$8"])
  })

  it("matches a whole key by its hash alone", () => {
    const { where, values } = buildLicenseSearchSql({ q: " CP-AAAA " }, (q) => `hash:${q}`, now)
    expect(where).toBe("deleted_at IS NULL AND key_hash = $1")
    expect(values).toEqual(["hash:CP-AAAA"])
  })

  it("adds the Discord ID and the order number only when the text can be one", () => {
    expect(buildLicenseSearchSql({ q: "123456789012345678" }, noKey, now).where).toContain("customer_discord_id = $3")
    const order = buildLicenseSearchSql({ q: "#1042" }, noKey, now)
    expect(order.where).toContain("order_display_id = $3::integer")
    expect(order.values[2]).toBe(1042)
    expect(buildLicenseSearchSql({ q: "bob@example" }, noKey, now).where).not.toMatch(/discord|display/)
  })

  it("bounds expiring-within-days by now and now + N days", () => {
    const { values } = buildLicenseSearchSql({ expiring_within_days: 30 }, noKey, now)
    expect(values).toEqual([now, new Date("2027-01-08T12:00:00Z")])
  })
})

describe("buildLicenseSearchSql without time-based statuses", () => {
  it("adds no placeholder for now, since every placeholder must appear in the text", () => {
    const { where, values } = buildLicenseSearchSql({ status: ["suspended", "revoked"] }, noKey, now)
    expect(values).toEqual(["suspended", "revoked"])
    expect(where).toBe("deleted_at IS NULL AND (status = $1 OR status = $2)")
  })
})
