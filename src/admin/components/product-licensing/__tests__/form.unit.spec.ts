import {
  domainError,
  formatCustomData,
  ipError,
  normaliseDomain,
  parseCustomData,
  parseDailyQuota,
  type VersionAndDataDraft,
  versionAndDataChanges,
  versionError,
} from "../form"
import type { VersionMode } from "../api"

describe("admin licensing form helpers", () => {
  it("custom data: empty is none, an object parses, anything else is an inline error", () => {
    expect(parseCustomData("  ")).toEqual({ value: null, error: null })
    expect(parseCustomData('{"plan": "pro", "seats": 3}')).toEqual({ value: { plan: "pro", seats: 3 }, error: null })
    expect(parseCustomData("{}")).toEqual({ value: {}, error: null })
    for (const text of ["[1, 2]", "null", "42", '"text"', "true"]) {
      expect(parseCustomData(text).error).toMatch(/Must be a JSON object/)
    }
    expect(parseCustomData("{plan: pro}").error).toMatch(/^Not valid JSON/)
    expect(parseCustomData(JSON.stringify({ blob: "x".repeat(16 * 1024 - 20) })).error).toBeNull()
    expect(parseCustomData(JSON.stringify({ blob: "x".repeat(16 * 1024) })).error).toMatch(/16 KB/)
    expect(formatCustomData(null)).toBe("")
    expect(formatCustomData({})).toBe("{}")
    expect(parseCustomData(formatCustomData({ a: { b: [1] } })).value).toEqual({ a: { b: [1] } })
  })

  it("domains: normalised as the Verify API does, wildcards only as the first label", () => {
    expect(normaliseDomain(" HTTPS://Shop.Example.com:8443/path?q=1 ")).toBe("shop.example.com")
    expect(normaliseDomain("example.com.")).toBe("example.com")
    for (const ok of ["example.com", "*.example.com", "localhost", "bücher.de", "xn--bcher-kva.de"]) {
      expect(domainError(ok)).toBeNull()
    }
    for (const bad of ["", "exa mple.com", "*.", "a.*.com", "-a.com", "a..com"]) {
      expect(domainError(bad)).not.toBeNull()
    }
  })

  it("IPs: IPv4 and IPv6, each with an optional CIDR prefix in range", () => {
    for (const ok of ["203.0.113.7", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::1", "2001:db8::/32", "::1", "::ffff:1.2.3.4", "fe80::/10"]) {
      expect(ipError(ok)).toBeNull()
    }
    for (const bad of ["", "256.1.1.1", "10.0.0.0/33", "1.2.3", "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "10.0.0.0/8/1", "example.com"]) {
      expect(ipError(bad)).not.toBeNull()
    }
  })

  it("version: a pin is one version, a range must not be empty", () => {
    expect(versionError("off", "", "")).toBeNull()
    expect(versionError(null, "", "")).toBeNull()
    expect(versionError("pinned", "2.1.0", "")).toBeNull()
    expect(versionError("pinned", " ", "")).not.toBeNull()
    expect(versionError("pinned", "1.0 2.0", "")).not.toBeNull()
    expect(versionError("range", "", ">=1.2.0 <2.0.0")).toBeNull()
    expect(versionError("range", "", "")).not.toBeNull()
  })

  describe("changes to send", () => {
    const saved: VersionAndDataDraft<VersionMode | null> = {
      version_mode: null,
      version_pinned: "1.0.0",
      version_range: "",
      custom_data: "",
    }

    it("sends nothing when nothing was edited", () => {
      expect(versionAndDataChanges(saved, saved, null)).toEqual({})
    })

    it("sends the pin or range with a mode change to it, even when the text itself is unchanged", () => {
      expect(versionAndDataChanges({ ...saved, version_mode: "pinned" }, saved, null)).toEqual({
        version_mode: "pinned",
        version_pinned: "1.0.0",
      })
      expect(versionAndDataChanges({ ...saved, version_mode: "range", version_range: " ^2 " }, saved, null)).toEqual({
        version_mode: "range",
        version_range: "^2",
      })
    })

    it("sends a cleared text as null, a mode back to following the product as null, and the parsed custom data", () => {
      const pinned = { ...saved, version_mode: "pinned" as VersionMode | null }
      expect(versionAndDataChanges({ ...pinned, version_pinned: " ", version_mode: null }, pinned, null)).toEqual({
        version_mode: null,
        version_pinned: null,
      })
      expect(versionAndDataChanges({ ...saved, custom_data: '{"tier":"pro"}' }, saved, { tier: "pro" })).toEqual({
        custom_data: { tier: "pro" },
      })
    })
  })

  it("daily verify quota: empty or 0 is none, a whole number up to the server's bound, anything else an inline error", () => {
    expect(parseDailyQuota("")).toEqual({ value: 0, error: null })
    expect(parseDailyQuota(" 0 ")).toEqual({ value: 0, error: null })
    expect(parseDailyQuota("2500")).toEqual({ value: 2500, error: null })
    expect(parseDailyQuota("1000000000")).toEqual({ value: 1_000_000_000, error: null })
    for (const text of ["-1", "2.5", "1e3", "ten", "0x10"]) {
      expect(parseDailyQuota(text).error).toMatch(/whole number/)
    }
    expect(parseDailyQuota("1000000001").error).toMatch(/At most 1,000,000,000/)
  })
})
