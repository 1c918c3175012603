import { MedusaError } from "@medusajs/framework/utils"
import {
  buildLicenseSearchSql,
  isWholeEmail,
  onlyStatusesOf,
  parseLicenseListOrder,
  readsMatchesWhole,
} from "../license-search-sql"
import { LICENSE_LIST_ORDERS } from "../license-list-order"

const noKey = () => null
const now = new Date("2026-12-09T12:00:00Z")

describe("buildLicenseSearchSql", () => {
  it("excludes soft-deleted rows when nothing is filtered", () => {
    expect(buildLicenseSearchSql({}, noKey, now)).toEqual({ where: "deleted_at IS NULL", values: [] })
    expect(buildLicenseSearchSql({ q: "  ", customer_id: [] }, noKey, now)).toEqual({ where: "deleted_at IS NULL", values: [] })
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

describe("onlyStatusesOf", () => {
  // A search it names statuses for is counted from the counts kept by status: its condition must be exactly the
  // condition of those statuses, with nothing else the counts would not know.
  const searches = [
    {},
    { q: "  ", customer_id: [] },
    { status: "active" as const },
    { status: ["expired", "grace", "expired"] as ("expired" | "grace")[] },
    { status: [] },
    { status: "revoked" as const, q: "ann" },
    { status: "active" as const, product_id: "prod_1" },
    { status: "active" as const, expiring_within_days: 0 },
    { customer_id: ["cus_1"] },
    { order_id: "order_1" },
    { variant_id: ["variant_1"] },
    { q: "CP-AAAA" },
  ]

  it("names each status once for a search by status alone, none for no search, and null for any other condition", () => {
    expect(searches.map(onlyStatusesOf)).toEqual([
      [],
      [],
      ["active"],
      ["expired", "grace"],
      [],
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })

  it("names statuses only when the search's condition is the condition of those statuses", () => {
    for (const search of searches) {
      const statuses = onlyStatusesOf(search)
      const condition = buildLicenseSearchSql(search, (q) => (q.startsWith("CP-") ? "hash" : null), now)
      const ofStatuses = buildLicenseSearchSql({ status: search.status }, noKey, now)
      expect(condition.where === ofStatuses.where).toBe(statuses !== null)
    }
  })
})

describe("buildLicenseSearchSql without time-based statuses", () => {
  it("adds no placeholder for now, since every placeholder must appear in the text", () => {
    const { where, values } = buildLicenseSearchSql({ status: ["suspended", "revoked"] }, noKey, now)
    expect(values).toEqual(["suspended", "revoked"])
    expect(where).toBe("deleted_at IS NULL AND (status = $1 OR status = $2)")
  })
})

describe("buildLicenseSearchSql: e-mail searches", () => {
  it("matches a whole address by equality in any case, and nothing else", () => {
    expect(buildLicenseSearchSql({ q: "  Bob.Smith@Example.COM " }, noKey, now)).toEqual({
      where: "deleted_at IS NULL AND lower(customer_email) = lower($1)",
      values: ["Bob.Smith@Example.COM"],
    })
  })

  it("keeps 'contains' for a part of an address", () => {
    for (const part of ["bob@example", "@example.com", "example.com", "bob", "b%b@x"]) {
      const { where, values } = buildLicenseSearchSql({ q: part }, noKey, now)
      expect(where).toContain("customer_email ILIKE $2")
      expect(values[1]).toBe(`%${part}%`)
    }
  })

  it("tells a whole address from a part", () => {
    for (const whole of ["a@x.com", "bob.smith+tag@mail.example.co.uk", "BOB@EXAMPLE.COM"]) {
      expect({ whole, is: isWholeEmail(whole) }).toEqual({ whole, is: true })
    }
    for (const part of ["@x.com", "a@x", "a@x.", "a@.com", "a@@x.com", "a@b@x.com", "a b@x.com", "a@x .com", "x.com"]) {
      expect({ part, is: isWholeEmail(part) }).toEqual({ part, is: false })
    }
  })
})

describe("readsMatchesWhole", () => {
  const newest = { column: "created_at", direction: "DESC" } as const
  const byEmail = { column: "customer_email", direction: "ASC" } as const

  it("reads the keys in grace or expiring soon whole, in any order", () => {
    for (const order of [newest, byEmail, { column: "max_activations", direction: "DESC" } as const]) {
      expect(readsMatchesWhole({ status: "grace" }, order)).toBe(true)
      expect(readsMatchesWhole({ status: ["grace", "revoked"] }, order)).toBe(true)
      expect(readsMatchesWhole({ expiring_within_days: 30, product_id: "prod_1" }, order)).toBe(true)
    }
  })

  it("reads the expired keys whole only newest first: they are the oldest keys", () => {
    expect(readsMatchesWhole({ status: "expired" }, newest)).toBe(true)
    expect(readsMatchesWhole({ status: ["expired", "grace"] }, newest)).toBe(true)
    expect(readsMatchesWhole({ status: "expired" }, { column: "created_at", direction: "ASC" })).toBe(false)
    expect(readsMatchesWhole({ status: "expired" }, byEmail)).toBe(false)
    expect(readsMatchesWhole({ status: "expired" }, { column: "expires_at", direction: "DESC" })).toBe(false)
  })

  it("walks the order's index when active keys are listed or nothing selects by time", () => {
    expect(readsMatchesWhole({}, newest)).toBe(false)
    expect(readsMatchesWhole({ status: "active" }, newest)).toBe(false)
    expect(readsMatchesWhole({ status: ["active", "expired"] }, newest)).toBe(false)
    expect(readsMatchesWhole({ status: ["active", "grace"], expiring_within_days: 30 }, newest)).toBe(false)
    expect(readsMatchesWhole({ status: ["revoked", "suspended"], q: "bob" }, newest)).toBe(false)
  })

  it("reads a whole e-mail address's keys whole, whatever else is filtered", () => {
    expect(readsMatchesWhole({ q: " Bob@Example.com " }, byEmail)).toBe(true)
    expect(readsMatchesWhole({ q: "bob@example.com", status: "active" }, newest)).toBe(true)
    expect(readsMatchesWhole({ q: "bob@example" }, newest)).toBe(false)
  })
})

describe("parseLicenseListOrder", () => {
  it("gives the column and direction of every order the admin API accepts", () => {
    expect(LICENSE_LIST_ORDERS.map(parseLicenseListOrder)).toEqual(
      ["created_at", "expires_at", "customer_email", "product_title", "activations_used", "max_activations", "status"].flatMap(
        (column) => [
          { column, direction: "ASC" },
          { column, direction: "DESC" },
        ]
      )
    )
  })

  it("refuses anything else as invalid data", () => {
    for (const order of ["key_hash", "-key_hash", "created_at; DROP TABLE license", "created_at desc", "", "-", "--created_at"]) {
      expect(() => parseLicenseListOrder(order)).toThrow(expect.objectContaining({ type: MedusaError.Types.INVALID_DATA }))
    }
  })
})
