import { formatLicenseKey, generateKeyBody } from "../../../modules/license/rules/license-key"
import { dateField } from "../../utils/date-field"
import { postgresDataException } from "../error-handler"
import { maskLicenseKeysInUrl } from "../mask-keys"
import { findNul } from "../nul"
import { isPluginPath } from "../plugin-routes"

describe("findNul", () => {
  it("finds a NUL byte in any string or field name of a parsed body, however deep", () => {
    expect(findNul({ a: "ok", b: [1, true, null, { c: "fine" }] })).toBeNull()
    expect(findNul({ notes: "a\u0000b" })).toBe("body.notes")
    expect(findNul({ custom_data: { tier: ["x", "\u0000"] } })).toBe("body.custom_data.tier[1]")
    expect(findNul({ "\u0000": 1 })).toBe("body (a field name)")
    let deep: unknown = "\u0000"
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    expect(findNul(deep)).toMatch(/^body(\.a)+$/)
    expect(findNul(undefined)).toBeNull()
  })
})

describe("maskLicenseKeysInUrl", () => {
  const key = formatLicenseKey(generateKeyBody(), "CP")
  const hint = key.slice(-5)
  it("replaces the key of GET /licenses/:key in any spelling by its hint", () => {
    for (const spelling of [key, key.toLowerCase(), key.replace(/-/g, ""), key.replace(/-/g, "").slice(2), key.replace(/-/g, " ")]) {
      expect(maskLicenseKeysInUrl(`/licenses/${encodeURIComponent(spelling)}`)).toBe(`/licenses/***-${hint}`)
    }
    expect(maskLicenseKeysInUrl(`/licenses/${key}?x=1`)).toBe(`/licenses/***-${hint}?x=1`)
    // not a key: still masked, without a hint; a URL too short to hold a key is left alone
    expect(maskLicenseKeysInUrl("/licenses/this-is-not-a-license-key-at-all")).toBe("/licenses/***")
    expect(maskLicenseKeysInUrl("/licenses/CP-NOT-A-KEY")).toBe("/licenses/CP-NOT-A-KEY")
  })
  it("replaces the key of GET /api/v1/license/:key (the KeyPort-compatible lookup) the same way", () => {
    for (const spelling of [key, key.toLowerCase(), key.replace(/-/g, ""), key.replace(/-/g, " ")]) {
      expect(maskLicenseKeysInUrl(`/api/v1/license/${encodeURIComponent(spelling)}`)).toBe(`/api/v1/license/***-${hint}`)
    }
    expect(maskLicenseKeysInUrl("/api/v1/license/this-is-not-a-license-key-at-all")).toBe("/api/v1/license/***")
    expect(maskLicenseKeysInUrl("/api/v1/validate")).toBe("/api/v1/validate")
    expect(isPluginPath("/api/v1/license/x")).toBe(true)
    expect(isPluginPath("/api/v1/validate")).toBe(true)
  })
  it("masks a key anywhere else in a URL and leaves other URLs alone", () => {
    expect(maskLicenseKeysInUrl(`/admin/licenses?q=${key}&limit=20`)).toBe(`/admin/licenses?q=***-${hint}&limit=20`)
    expect(maskLicenseKeysInUrl(`/licenses/public-key?k=${key.toLowerCase().replace(/-/g, "+")}`)).toBe(`/licenses/public-key?k=***-${hint}`)
    for (const url of ["/licenses/verify", "/licenses/public-key?format=pem", "/admin/licenses/lic_01JD2K3M4N5P6Q7R8S9T0V1W2X?fields=id", "/licenses/lookup"]) {
      expect(maskLicenseKeysInUrl(url)).toBe(url)
    }
  })
})

describe("dateField", () => {
  const schema = dateField()
  it("takes ISO dates from 1970 to 9999 and refuses the rest", () => {
    expect(schema.parse("2030-01-31T00:00:00Z")).toEqual(new Date("2030-01-31T00:00:00Z"))
    expect(schema.parse("1970-01-01T00:00:00.000Z")).toEqual(new Date(0))
    for (const bad of ["-271821-04-20T00:00:00.000Z", "-004714-01-01T00:00:00Z", "+010000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "not a date", 8.64e15, true, null, []]) {
      expect([bad, schema.safeParse(bad).success]).toEqual([bad, false])
    }
  })
})

describe("postgresDataException", () => {
  it("recognises PostgreSQL's class 22 by SQLSTATE, through causes, or by message", () => {
    expect(postgresDataException({ code: "22008", message: "date/time field value out of range" })).toBe("22008")
    expect(postgresDataException({ message: "wrapped", cause: { code: "22021" } })).toBe("22021")
    expect(postgresDataException(new Error('select 1 - invalid byte sequence for encoding "UTF8": 0x00'))).toBe("22000")
    expect(postgresDataException({ code: "23505", message: "duplicate key" })).toBeNull()
    expect(postgresDataException(new Error("boom"))).toBeNull()
    expect(postgresDataException(null)).toBeNull()
  })
})

describe("isPluginPath", () => {
  it("is true for the plugin's routes only", () => {
    for (const path of ["/admin/licenses", "/admin/licenses/lic_1/revoke", "/admin/products/prod_1/license-settings/api-key", "/store/customers/me/licenses/lic_1", "/licenses/verify", "/hooks/licenses/stripe"]) {
      expect([path, isPluginPath(path)]).toEqual([path, true])
    }
    for (const path of ["/admin/products/prod_1", "/admin/licensesx", "/store/customers/me", "/hooks/payment/stripe", "/health"]) {
      expect([path, isPluginPath(path)]).toEqual([path, false])
    }
  })
})
