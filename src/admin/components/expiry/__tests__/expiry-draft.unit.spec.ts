import type { AdminLicense } from "../../../lib/types"
import { expiryBody, expiryDraftError, licenseExpiryRules, toExpiryDraft } from "../expiry-draft"

describe("policy widget: expiry fields", () => {
  it("a saved policy becomes a draft and back into the request fields unchanged", () => {
    const saved = { expiry_strategy: "maintain_access" as const, grace_days: 14, expiry_basis: "from_first_activation" as const, trial: true, local_sites_free: false, heartbeat_interval_seconds: 300 }
    const draft = toExpiryDraft(saved)
    expect(draft).toEqual({ expiry_strategy: "maintain_access", grace_days: "14", expiry_basis: "from_first_activation", trial: true, local_sites_free: false, heartbeat_interval_seconds: "300" })
    expect(expiryBody(draft)).toEqual(saved)
    expect(toExpiryDraft({})).toEqual({ expiry_strategy: "revoke_access", grace_days: "0", expiry_basis: "from_issuance", trial: false, local_sites_free: true, heartbeat_interval_seconds: "" })
    expect(expiryBody(toExpiryDraft({})).heartbeat_interval_seconds).toBeNull()
    expect(toExpiryDraft({ local_sites_free: false }).local_sites_free).toBe(false)
  })

  it("grace days: a whole number from 0 to 365, anything else is named before the request", () => {
    const draft = toExpiryDraft({})
    for (const ok of ["0", "7", "365"]) {
      expect(expiryDraftError({ ...draft, grace_days: ok })).toBeNull()
    }
    for (const bad of ["", " ", "-1", "366", "1.5", "ten"]) {
      expect(expiryDraftError({ ...draft, grace_days: bad })).toMatch(/^Grace period/)
    }
  })

  it("heartbeat: empty (off) or whole seconds from 60 to 30 days", () => {
    const draft = toExpiryDraft({})
    for (const ok of ["", " ", "60", "300", "2592000"]) {
      expect(expiryDraftError({ ...draft, heartbeat_interval_seconds: ok })).toBeNull()
    }
    for (const bad of ["59", "0", "-60", "2592001", "90.5", "five"]) {
      expect(expiryDraftError({ ...draft, heartbeat_interval_seconds: bad })).toMatch(/^Heartbeat/)
    }
  })
})

describe("license detail: expiry rules", () => {
  const license = (extra: Partial<AdminLicense>) => ({ id: "lic_1", expires_at: null, ...extra }) as AdminLicense

  it("names the strategy, the grace period with its end, and a term waiting for the first activation", () => {
    const waiting = licenseExpiryRules(
      license({ expiry_strategy: "maintain_access", grace_days: 0, expiry_basis: "from_first_activation", activation_term_days: 30 })
    )
    expect(waiting).toEqual([
      { label: "At expiry", value: "Keeps working; no release published after its expiry" },
      { label: "Grace period", value: "None" },
      { label: "Term", value: "30 days from its first activation (not activated yet)" },
    ])
    const graced = licenseExpiryRules(
      license({ expiry_strategy: "revoke_access", grace_days: 7, grace_ends_at: "2027-03-08T12:00:00.000Z", expiry_basis: "from_issuance" })
    )
    expect(graced[0]).toEqual({ label: "At expiry", value: "Stops working" })
    expect(graced[1].value).toMatch(/^7 days, until /)
    expect(graced).toHaveLength(2)
  })
})
