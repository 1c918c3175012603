import semver from "semver"
import type { EffectiveLicenseStatus } from "../types"
import type { VersionMode } from "./version-gate"
import type { VerifyCode } from "./verify-answers"

/**
 * The KeyPort-compatible API's shapes (docs/migrating-from-keyport.md): our license and
 * our Verify API answer told in KeyPort's field and status names. Pure: the route
 * (src/api/api/v1) reads, this reshapes.
 */

/** KeyPort's statuses of a license (the lookup) and of a validation (validate). */
export type KeyPortStatus =
  | "active"
  | "expired"
  | "suspended"
  | "revoked"
  | "invalid"
  | "ip_limit_reached"
  | "blocked"
  | "version_mismatch"
  | "disabled"

/** A license's status: grace still verifies, so it is `active` (its expires_at is past). */
export const KEYPORT_LICENSE_STATUS: Record<EffectiveLicenseStatus, KeyPortStatus> = {
  active: "active",
  grace: "active",
  expired: "expired",
  suspended: "suspended",
  revoked: "revoked",
}

/** A Verify API code, as the status of POST /api/v1/validate. */
export const KEYPORT_VALIDATE_STATUS: Record<VerifyCode, KeyPortStatus> = {
  valid: "active",
  expired: "expired",
  suspended: "suspended",
  revoked: "revoked",
  malformed: "invalid",
  not_found: "invalid",
  product_mismatch: "invalid",
  max_activations_exceeded: "ip_limit_reached",
  blocked: "blocked",
  version_not_allowed: "version_mismatch",
  product_archived: "disabled",
  // KeyPort has no entitlements: a key without a feature asked for is not valid for it.
  entitlements_missing: "invalid",
  configuration_error: "invalid",
  domain_required: "invalid",
  // KeyPort has no usage quota; its ip_limit_reached is about activations, so: not valid now (our `code` says why).
  quota_exceeded: "invalid",
}

/** Our version modes in KeyPort's words. */
export const KEYPORT_VERSION_PIN_MODE: Record<VersionMode, "none" | "pinned" | "range"> = {
  off: "none",
  pinned: "pinned",
  range: "range",
}

/**
 * The bounds of a range as KeyPort stores them (min inclusive, max exclusive),
 * read from semver's normal form of our range (`1.x` is `>=1.0.0 <2.0.0-0`):
 * when it is one `>=a <b` (or either half); null where it says something else
 * (`||`, `<=`, `>`...).
 */
export function keyPortRangeBounds(range: string | null): { min: string | null; max: string | null } {
  const normal = range ? semver.validRange(range) : null
  if (!normal || normal.includes("||") || normal === "*") {
    return { min: null, max: null }
  }
  let min: string | null = null
  let max: string | null = null
  for (const part of normal.trim().split(/\s+/)) {
    const match = /^(>=|<)(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(part)
    if (!match) {
      return { min: null, max: null }
    }
    if (match[1] === ">=") {
      min = match[2]
    } else {
      // `<2.0.0-0` (below every 2.0.0 prerelease) is `< 2.0.0` in KeyPort's words
      max = match[2].replace(/-0$/, "")
    }
  }
  return { min, max }
}

/** What the lookup knows of a license (our product lookup's view plus its row's ids). */
export type KeyPortLicenseSource = {
  id: string
  customer_id: string | null
  license_key: string
  status: EffectiveLicenseStatus
  expires_at: string | null
  max_activations: number
  /** Held slots (domains or IPs). */
  activations_used: number
  product_id: string | null
  notes: string | null
  version: { mode: VersionMode; pinned: string | null; range: string | null }
  revoked_at: string | null
  created_at: string
  updated_at: string
  customer_email: string | null
  customer_discord_id: string | null
}

/** Exactly KeyPort's lookup fields, in its order. */
export function keyPortLicense(
  license: KeyPortLicenseSource,
  context: { organizationId: string | null; customerName: string | null }
) {
  const bounds = license.version.mode === "range" ? keyPortRangeBounds(license.version.range) : { min: null, max: null }
  return {
    id: license.id,
    organization_id: context.organizationId,
    product_id: license.product_id,
    global_customer_id: license.customer_id,
    license_key: license.license_key,
    status: KEYPORT_LICENSE_STATUS[license.status],
    expires_at: license.expires_at,
    is_lifetime: license.expires_at === null,
    // Our activation cap: a slot per domain, or per IP when the product sends no domain.
    ip_system_enabled: license.max_activations > 0,
    max_ips: license.max_activations,
    current_unique_ip_count: license.activations_used,
    notes: license.notes,
    version_pin_mode: KEYPORT_VERSION_PIN_MODE[license.version.mode],
    version_pinned: license.version.mode === "pinned" ? license.version.pinned : null,
    version_range_min: bounds.min,
    version_range_max: bounds.max,
    revoked_at: license.revoked_at,
    created_at: license.created_at,
    updated_at: license.updated_at,
    customer_email: license.customer_email,
    customer_name: context.customerName,
    customer_discord_id: license.customer_discord_id,
  }
}

export type KeyPortLicense = ReturnType<typeof keyPortLicense>
