import { formatDateTime } from "../../lib/format"
import type { AdminLicense } from "../../lib/types"

// The admin's side of the expiry rules (docs/renewals-and-upgrades.md "Expiry, grace and trials"):
// the policy widget's draft fields and the license detail's lines. Plain functions, unit-tested.

/** The expiry rules of one variant's policy, as the policy widget edits them (docs/renewals-and-upgrades.md). */
export type ExpiryDraft = {
  expiry_strategy: "revoke_access" | "maintain_access"
  /** Whole days, 0 to 365; "0" = no grace period. */
  grace_days: string
  expiry_basis: "from_issuance" | "from_first_activation"
  /** A trial policy: one key per customer e-mail per product. */
  trial: boolean
  /** Local and staging sites verify without a slot (docs/verify-api.md "Local and staging sites"). */
  local_sites_free: boolean
  /** Heartbeat interval in seconds (docs/verify-api.md "Heartbeats and floating seats"); "" = off. */
  heartbeat_interval_seconds: string
}

/** The server's bounds of a heartbeat interval (src/modules/license/rules/heartbeat.ts). */
export const HEARTBEAT_MIN_SECONDS = 60
export const HEARTBEAT_MAX_SECONDS = 2_592_000

/** The server refuses more (src/modules/license/rules/expiry.ts MAX_GRACE_DAYS; the admin imports no server code that runs). */
export const MAX_GRACE_DAYS = 365

export const toExpiryDraft = (p: {
  expiry_strategy?: ExpiryDraft["expiry_strategy"]
  grace_days?: number
  expiry_basis?: ExpiryDraft["expiry_basis"]
  trial?: boolean
  local_sites_free?: boolean
  heartbeat_interval_seconds?: number | null
}): ExpiryDraft => ({
  expiry_strategy: p.expiry_strategy ?? "revoke_access",
  grace_days: String(p.grace_days ?? 0),
  expiry_basis: p.expiry_basis ?? "from_issuance",
  trial: p.trial ?? false,
  // A policy not saved yet is created with it on (the server's default).
  local_sites_free: p.local_sites_free ?? true,
  heartbeat_interval_seconds: p.heartbeat_interval_seconds ? String(p.heartbeat_interval_seconds) : "",
})

/** The problem with the expiry fields, or null. */
export function expiryDraftError(d: ExpiryDraft): string | null {
  const days = Number(d.grace_days)
  if (d.grace_days.trim() === "" || !Number.isInteger(days) || days < 0 || days > MAX_GRACE_DAYS) {
    return `Grace period: a whole number of days from 0 (none) to ${MAX_GRACE_DAYS}.`
  }
  const beat = d.heartbeat_interval_seconds.trim()
  const seconds = Number(beat)
  if (beat !== "" && (!Number.isInteger(seconds) || seconds < HEARTBEAT_MIN_SECONDS || seconds > HEARTBEAT_MAX_SECONDS)) {
    return `Heartbeat: empty (off) or a whole number of seconds from ${HEARTBEAT_MIN_SECONDS} to ${HEARTBEAT_MAX_SECONDS}.`
  }
  return null
}

/** The request fields of the expiry rules. */
export const expiryBody = (d: ExpiryDraft) => ({
  expiry_strategy: d.expiry_strategy,
  grace_days: Number(d.grace_days),
  expiry_basis: d.expiry_basis,
  trial: d.trial,
  local_sites_free: d.local_sites_free,
  heartbeat_interval_seconds: d.heartbeat_interval_seconds.trim() === "" ? null : Number(d.heartbeat_interval_seconds),
})

/** The license's expiry rules on its detail page: strategy, grace period and when its term starts. */
export function licenseExpiryRules(license: AdminLicense): { label: string; value: string }[] {
  const rows = [
    {
      label: "At expiry",
      value:
        license.expiry_strategy === "maintain_access"
          ? "Keeps working; no release published after its expiry"
          : "Stops working",
    },
    {
      label: "Grace period",
      value: license.grace_days
        ? `${license.grace_days} days${license.grace_ends_at ? `, until ${formatDateTime(license.grace_ends_at)}` : ""}`
        : "None",
    },
  ]
  if (license.heartbeat_interval_seconds) {
    rows.push({
      label: "Heartbeat",
      value: `Machines keep their seat while they verify every ${license.heartbeat_interval_seconds} s (freed after ${2 * license.heartbeat_interval_seconds + 60} s without)`,
    })
  }
  if (license.trial_email) {
    rows.push({ label: "Trial", value: `Trial of ${license.trial_email}` })
  }
  if (license.activation_term_days) {
    rows.push({ label: "Term", value: `${license.activation_term_days} days from its first activation (not activated yet)` })
  } else if (license.expiry_basis === "from_first_activation") {
    rows.push({ label: "Term", value: "Counted from its first activation" })
  }
  return rows
}

