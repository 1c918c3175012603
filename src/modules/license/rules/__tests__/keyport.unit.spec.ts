import { resolveLicenseOptions } from "../../options"
import { KEYPORT_VALIDATE_STATUS, keyPortLicense, keyPortRangeBounds } from "../keyport"
import { VerifyCode } from "../verify-answers"

describe("KeyPort-compatible shapes", () => {
  it("every Verify API code has a KeyPort status", () => {
    for (const code of Object.values(VerifyCode)) {
      expect(KEYPORT_VALIDATE_STATUS[code]).toEqual(expect.any(String))
    }
    expect(KEYPORT_VALIDATE_STATUS.valid).toBe("active")
    expect(KEYPORT_VALIDATE_STATUS.not_found).toBe("invalid")
    expect(KEYPORT_VALIDATE_STATUS.max_activations_exceeded).toBe("ip_limit_reached")
    expect(KEYPORT_VALIDATE_STATUS.quota_exceeded).toBe("invalid")
  })

  it("reads a range's bounds from semver's normal form, null when it has none of KeyPort's shape", () => {
    expect(keyPortRangeBounds(">=1.2.0 <2.0.0")).toEqual({ min: "1.2.0", max: "2.0.0" })
    expect(keyPortRangeBounds("1.x")).toEqual({ min: "1.0.0", max: "2.0.0" })
    expect(keyPortRangeBounds("^2.1")).toEqual({ min: "2.1.0", max: "3.0.0" })
    expect(keyPortRangeBounds(">=3.0.0")).toEqual({ min: "3.0.0", max: null })
    expect(keyPortRangeBounds("<=2.0.0")).toEqual({ min: null, max: null })
    expect(keyPortRangeBounds("1.x || 3.x")).toEqual({ min: null, max: null })
    expect(keyPortRangeBounds(null)).toEqual({ min: null, max: null })
  })

  it("answers exactly KeyPort's lookup fields", () => {
    const license = keyPortLicense(
      {
        id: "lic_1",
        customer_id: null,
        license_key: "CP-AAAAA",
        status: "grace",
        expires_at: "2030-01-01T00:00:00.000Z",
        max_activations: 0,
        activations_used: 2,
        product_id: "prod_1",
        notes: null,
        version: { mode: "range", pinned: null, range: "1.x" },
        revoked_at: null,
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-02T00:00:00.000Z",
        customer_email: null,
        customer_discord_id: "123456789012345678",
      },
      { organizationId: "store_1", customerName: null }
    )
    expect(Object.keys(license)).toEqual([
      "id", "organization_id", "product_id", "global_customer_id", "license_key", "status", "expires_at", "is_lifetime",
      "ip_system_enabled", "max_ips", "current_unique_ip_count", "notes", "version_pin_mode", "version_pinned",
      "version_range_min", "version_range_max", "revoked_at", "created_at", "updated_at", "customer_email",
      "customer_name", "customer_discord_id",
    ])
    expect(license).toMatchObject({ status: "active", is_lifetime: false, ip_system_enabled: false, version_pin_mode: "range", version_range_min: "1.0.0", version_range_max: "2.0.0" })
  })

  it("the compatible API is off unless the option turns it on; a wrong value stops the boot", () => {
    const secret = "x".repeat(40)
    expect(resolveLicenseOptions({ secret }).keyportCompatibleApi).toBe(false)
    expect(resolveLicenseOptions({ secret, keyportCompatibleApi: "yes" }).keyportCompatibleApi).toBe(true)
    expect(resolveLicenseOptions({ secret, keyportCompatibleApi: true }).keyportCompatibleApi).toBe(true)
    expect(() => resolveLicenseOptions({ secret, keyportCompatibleApi: "sometimes" })).toThrow(/keyportCompatibleApi must be true or false/)
  })
})
