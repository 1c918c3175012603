import { ExpiryBasis, expiryOnIssue, expiryPhase, graceEndsAt, releaseCovered, releaseCutoff } from "../expiry"
import { licenseControls } from "../license-controls"
import { effectiveLicenseStatus } from "../license-status"
import { VerifyCode } from "../verify-answers"
import type { VerifyLicenseRow } from "../verify-rows"
import { licenseSummary, verifyRefusal } from "../verify-rules"

const DAY = 24 * 60 * 60 * 1000
const expiresAt = new Date("2027-03-01T12:00:00Z")
const at = (days: number) => new Date(expiresAt.getTime() + days * DAY)

function row(overrides: Partial<VerifyLicenseRow> = {}): VerifyLicenseRow {
  return {
    id: "lic_1",
    status: "active",
    expires_at: expiresAt,
    max_activations: 1,
    activations_used: 1,
    product_id: "prod_1",
    variant_id: "variant_1",
    product_title: "Pro Plugin",
    variant_title: "Single site",
    activation_id: "lact_1",
    last_seen_at: null,
    expiry_strategy: "revoke_access",
    grace_ends_at: null,
    local_sites_free: false,
    entitlements: [],
    heartbeat_interval_seconds: null,
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
    ...overrides,
  }
}

const caller = { identity: { kind: "domain" as const, value: "shop.example.com" }, ip: "203.0.113.7" }

/** What the Verify API answers a held site on `now`: the code and the license's status and grace end. */
function answerOn(license: VerifyLicenseRow, now: Date) {
  const code = verifyRefusal(license, licenseControls(license), {}, caller, now) ?? VerifyCode.VALID
  const summary = licenseSummary(license, now)
  return { code, status: summary.status, grace_ends_at: summary.grace_ends_at }
}

describe("grace period, day by day (injected clock)", () => {
  const withGrace = row({ grace_ends_at: graceEndsAt(expiresAt, 7) })

  it("answers valid/active before expiry, valid/grace for the 7 grace days, then expired", () => {
    const graceEnd = new Date(expiresAt.getTime() + 7 * DAY).toISOString()
    expect(answerOn(withGrace, at(-1))).toEqual({ code: "valid", status: "active", grace_ends_at: graceEnd })
    expect(answerOn(withGrace, new Date(expiresAt.getTime() - 1))).toMatchObject({ code: "valid", status: "active" })
    for (let day = 0; day < 7; day++) {
      expect(answerOn(withGrace, at(day))).toEqual({ code: "valid", status: "grace", grace_ends_at: graceEnd })
      expect(answerOn(withGrace, at(day + 0.5))).toEqual({ code: "valid", status: "grace", grace_ends_at: graceEnd })
    }
    expect(answerOn(withGrace, new Date(at(7).getTime() - 1))).toMatchObject({ code: "valid", status: "grace" })
    expect(answerOn(withGrace, at(7))).toEqual({ code: "expired", status: "expired", grace_ends_at: graceEnd })
    expect(answerOn(withGrace, at(30))).toMatchObject({ code: "expired", status: "expired" })
  })

  it("without grace, revoke_access answers expired from the expiry instant on, as before", () => {
    const noGrace = row()
    expect(answerOn(noGrace, new Date(expiresAt.getTime() - 1))).toEqual({ code: "valid", status: "active", grace_ends_at: null })
    expect(answerOn(noGrace, expiresAt)).toEqual({ code: "expired", status: "expired", grace_ends_at: null })
    expect(answerOn(noGrace, at(1))).toMatchObject({ code: "expired" })
  })

  it("a revoked or suspended key is refused in its grace period too", () => {
    expect(answerOn({ ...withGrace, status: "revoked" }, at(1)).code).toBe("revoked")
    expect(answerOn({ ...withGrace, status: "suspended" }, at(1)).code).toBe("suspended")
  })
})

describe("maintain_access", () => {
  it("keeps an expired key valid (status expired) for ever, after its grace period too", () => {
    const maintained = row({ expiry_strategy: "maintain_access", grace_ends_at: graceEndsAt(expiresAt, 3) })
    expect(answerOn(maintained, at(1))).toMatchObject({ code: "valid", status: "grace" })
    expect(answerOn(maintained, at(3))).toMatchObject({ code: "valid", status: "expired" })
    expect(answerOn(maintained, at(3650))).toMatchObject({ code: "valid", status: "expired" })
    expect(answerOn({ ...maintained, status: "revoked" }, at(10)).code).toBe("revoked")
  })

  it("covers releases published up to the expiry and none after it: the cut-off is the expiry", () => {
    const maintained = row({ expiry_strategy: "maintain_access" })
    expect(releaseCutoff(maintained)).toEqual(expiresAt)
    expect(licenseSummary(maintained, at(100)).release_cutoff).toBe(expiresAt.toISOString())
    expect(releaseCovered(maintained, expiresAt)).toBe(true)
    expect(releaseCovered(maintained, new Date(expiresAt.getTime() + 1))).toBe(false)
    expect(releaseCovered(maintained, at(-200))).toBe(true)
    expect(releaseCutoff({ expires_at: null })).toBeNull()
    expect(releaseCovered({ expires_at: null }, at(5000))).toBe(true)
  })
})

describe("expiryPhase and effectiveLicenseStatus", () => {
  it("a lifetime key is always running; grace_ends_at alone never makes a key expire", () => {
    expect(expiryPhase({ expires_at: null }, at(10_000))).toBe("running")
    expect(effectiveLicenseStatus({ status: "active", expires_at: null, grace_ends_at: at(-5) }, at(0))).toBe("active")
    expect(effectiveLicenseStatus({ status: "active", expires_at: expiresAt, grace_ends_at: at(2) }, at(1))).toBe("grace")
    expect(effectiveLicenseStatus({ status: "active", expires_at: expiresAt }, at(1))).toBe("expired")
  })

  it("graceEndsAt: N whole days after the expiry; none with 0 days or no expiry", () => {
    expect(graceEndsAt(expiresAt, 14)).toEqual(at(14))
    expect(graceEndsAt(expiresAt, 0)).toBeNull()
    expect(graceEndsAt(null, 14)).toBeNull()
  })
})

describe("expiryOnIssue", () => {
  const now = new Date("2026-12-02T10:00:00Z")

  it("from issuance: now + term; lifetime without a term; an explicit expiry wins", () => {
    expect(expiryOnIssue({ term_days: 365 }, now)).toEqual({ expires_at: new Date(now.getTime() + 365 * DAY), activation_term_days: null })
    expect(expiryOnIssue({ term_days: null }, now)).toEqual({ expires_at: null, activation_term_days: null })
    expect(expiryOnIssue({ term_days: 30, expires_at: at(0), expiry_basis: ExpiryBasis.FROM_FIRST_ACTIVATION }, now)).toEqual({
      expires_at: at(0),
      activation_term_days: null,
    })
  })

  it("from first activation: no expiry yet, the term kept for the first slot", () => {
    expect(expiryOnIssue({ term_days: 14, expiry_basis: "from_first_activation" }, now)).toEqual({
      expires_at: null,
      activation_term_days: 14,
    })
    expect(expiryOnIssue({ term_days: null, expiry_basis: "from_first_activation" }, now)).toEqual({
      expires_at: null,
      activation_term_days: null,
    })
  })
})
