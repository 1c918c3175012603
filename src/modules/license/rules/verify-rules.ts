import { isBlocked } from "./blocklist"
import type { LicenseControls } from "./license-controls"
import { versionAllowed } from "./version-gate"
import { effectiveLicenseStatus } from "./license-status"
import { expiryKeepsAccess, releaseCutoff } from "./expiry"
import { type LicenseSummary, VerifyCode } from "./verify-answers"
import type { VerifyLicenseRow } from "./verify-rows"
import type { VerifyIdentity } from "./identity"

/** What a route hands the service: the validated fields and the raw connection facts. */
export type VerifyRequest = {
  license_key: string
  domain?: string | null
  /** A machine's fingerprint (rules/fingerprint.ts): the identity when given, before the domain. */
  fingerprint?: string | null
  /** The machine's name, kept with its slot. */
  name?: string | null
  product_id?: string | null
  variant_id?: string | null
  /** The installed product's version, for version gating (semver; "1.2" means 1.2.0). */
  version?: string | null
  /** Entitlement codes the installed product needs: `entitlements_missing` when the key lacks one (rules/entitlements.ts). */
  entitlements?: string[] | null
  /** The Authorization header: `Bearer <product API key>` when the product requires it. */
  authorization?: string | string[] | null
  /** The socket's peer address. */
  remote_address: string | null | undefined
  /** The X-Forwarded-For header, used only through the trusted proxy hops. */
  forwarded_for: string | string[] | null | undefined
}

/** A known identity's last_seen_at is refreshed at most this often. */
export const LAST_SEEN_RESOLUTION_MS = 60_000

export function productMismatch(
  row: Pick<VerifyLicenseRow, "product_id" | "variant_id">,
  request: Pick<VerifyRequest, "product_id" | "variant_id">
): boolean {
  return (
    (!!request.product_id && request.product_id !== row.product_id) ||
    (!!request.variant_id && request.variant_id !== row.variant_id)
  )
}

/**
 * Why a found license cannot be valid for this request, in the order an
 * installed product needs to know it: wrong product first, then a product
 * taken off sale, then the license's status and expiry (derived from
 * expires_at, unless the product does not enforce it), then who is asking
 * (blocklists) and what version it runs. Null when it may be valid.
 */
export function verifyRefusal(
  row: Pick<VerifyLicenseRow, "product_id" | "variant_id" | "status" | "expires_at" | "grace_ends_at" | "expiry_strategy">,
  controls: LicenseControls,
  request: Pick<VerifyRequest, "product_id" | "variant_id" | "version">,
  caller: { identity: VerifyIdentity; domain?: string | null; ip: string },
  now: Date
): VerifyCode | null {
  if (productMismatch(row, request)) {
    return VerifyCode.PRODUCT_MISMATCH
  }
  if (controls.archived) {
    return VerifyCode.PRODUCT_ARCHIVED
  }
  switch (effectiveLicenseStatus(row, now)) {
    case "revoked":
      return VerifyCode.REVOKED
    case "suspended":
      return VerifyCode.SUSPENDED
    case "expired":
      // maintain_access keeps an expired key verifying (rules/expiry.ts); `grace` is not refused either.
      if (controls.enforceExpiry && !expiryKeepsAccess(row, now)) {
        return VerifyCode.EXPIRED
      }
  }
  // A machine that reports its domain is checked as that domain too: a fingerprint never escapes a domain block.
  const blockedAs = caller.identity.kind === "machine" && caller.domain ? { kind: "domain" as const, value: caller.domain } : caller.identity
  if (isBlocked(controls.blockRules, blockedAs, caller.ip)) {
    return VerifyCode.BLOCKED
  }
  if (!versionAllowed(controls.version, request.version)) {
    return VerifyCode.VERSION_NOT_ALLOWED
  }
  return null
}

export function licenseSummary(row: VerifyLicenseRow, now: Date): LicenseSummary {
  const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)
  return {
    status: effectiveLicenseStatus(row, now),
    expires_at: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    max_activations: row.max_activations,
    activations_used: row.activations_used,
    product_id: row.product_id,
    variant_id: row.variant_id,
    product_title: row.product_title,
    variant_title: row.variant_title,
    expiry_strategy: row.expiry_strategy,
    grace_ends_at: iso(row.grace_ends_at),
    release_cutoff: iso(releaseCutoff(row)),
  }
}
