import { type LicenseControlColumns, licenseControls } from "../license-controls"

const noSettings: LicenseControlColumns = {
  license_version_mode: null,
  license_version_pinned: null,
  license_version_range: null,
  license_custom_data: null,
  license_blocked_domains: null,
  license_blocked_ips: null,
  require_api_key: null,
  api_key_hash: null,
  enforce_activation_limit: null,
  enforce_expiry: null,
  sign_answers: null,
  product_version_mode: null,
  product_version_pinned: null,
  product_version_range: null,
  product_custom_data: null,
  product_archived_at: null,
  product_blocked_domains: null,
  product_blocked_ips: null,
}

describe("licenseControls", () => {
  it("a product without a settings row gets the defaults", () => {
    expect(licenseControls(noSettings)).toEqual({
      requireApiKey: false,
      apiKeyHash: null,
      enforceActivationLimit: true,
      enforceExpiry: true,
      signAnswers: true,
      archived: false,
      productDeleted: false,
      ipEnforcement: "domain_or_ip",
      dailyVerifyQuota: 0,
      version: { mode: "off", pinned: null, range: null },
      blockRules: { domains: [], ips: [] },
      customData: null,
    })
  })

  it("reads the product's toggles and archive", () => {
    const controls = licenseControls({
      ...noSettings,
      require_api_key: true,
      api_key_hash: "abc",
      enforce_activation_limit: false,
      enforce_expiry: false,
      sign_answers: false,
      product_archived_at: new Date(),
    })
    expect(controls).toMatchObject({
      requireApiKey: true,
      apiKeyHash: "abc",
      enforceActivationLimit: false,
      enforceExpiry: false,
      signAnswers: false,
      archived: true,
    })
  })

  it("reads a product deleted in Medusa from its settings row", () => {
    expect(licenseControls({ ...noSettings, product_deleted_at: new Date() }).productDeleted).toBe(true)
    expect(licenseControls({ ...noSettings, product_deleted_at: null }).productDeleted).toBe(false)
  })

  it("merges custom data with the license's keys over the product's", () => {
    expect(
      licenseControls({ ...noSettings, product_custom_data: { tier: "pro", url: "u" }, license_custom_data: { tier: "agency" } })
        .customData
    ).toEqual({ tier: "agency", url: "u" })
    expect(licenseControls({ ...noSettings, license_custom_data: { seats: 3 } }).customData).toEqual({ seats: 3 })
  })

  it("applies both blocklists", () => {
    const { blockRules } = licenseControls({
      ...noSettings,
      product_blocked_domains: ["a.example"],
      license_blocked_domains: ["b.example"],
      product_blocked_ips: [],
      license_blocked_ips: ["10.0.0.0/8"],
    })
    expect(blockRules).toEqual({ domains: ["a.example", "b.example"], ips: ["10.0.0.0/8"] })
  })

  it("a license's version mode overrides the product's; null follows it", () => {
    const product = { ...noSettings, product_version_mode: "range" as const, product_version_range: "1.x" }
    expect(licenseControls(product).version).toEqual({ mode: "range", pinned: null, range: "1.x" })
    expect(licenseControls({ ...product, license_version_mode: "off" }).version.mode).toBe("off")
    expect(
      licenseControls({ ...product, license_version_mode: "pinned", license_version_pinned: "2.0.0" }).version
    ).toEqual({ mode: "pinned", pinned: "2.0.0", range: null })
  })
})
