import { effectiveLicenseStatus } from "../rules/license-status"
import type { EffectiveLicenseStatus } from "../types"
import type { VerifyRequestError } from "../rules/verify-answers"
import { licenseControls } from "../rules/license-controls"
import type { ProductSettingsRow } from "../rules/product-settings"
import type { VersionMode, VersionPolicy } from "../rules/version-gate"

export type LicenseLookupRequest = {
  license_key: string
  authorization: string | string[] | null | undefined
  remote_address: string | null | undefined
  forwarded_for: string | string[] | null | undefined
}

/** What `GET /licenses/:key` tells the product's own server. */
export type ProductLicenseView = {
  license_key: string
  status: EffectiveLicenseStatus
  expires_at: string | null
  lifetime: boolean
  max_activations: number
  activations_used: number
  activations: { kind: string; identifier: string; first_seen_at: string; last_seen_at: string }[]
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  /** The version policy that applies (the license's override, else the product's). */
  version: VersionPolicy
  version_override: { mode: VersionMode | null; pinned: string | null; range: string | null }
  data: Record<string, unknown> | null
  notes: string | null
  customer_email: string | null
  /** The customer identity's Discord user id (docs/migrating-from-keyport.md). */
  customer_discord_id: string | null
  created_at: string
  updated_at: string
  revoked_at: string | null
}

export type LicenseLookupResult =
  /** `license` is what the answer shows; the row's ids are for the KeyPort-compatible lookup (rules/keyport.ts). */
  | { type: "license"; license: ProductLicenseView; license_id: string; customer_id: string | null }
  | { type: "malformed" | "not_found"; message: string }
  | VerifyRequestError

type LookedUpLicense = {
  status: "active" | "suspended" | "revoked"
  expires_at: Date | string | null
  max_activations: number
  activations_used: number
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  version_mode: VersionMode | null
  version_pinned: string | null
  version_range: string | null
  custom_data: Record<string, unknown> | null
  blocked_domains: string[] | null
  blocked_ips: string[] | null
  notes: string | null
  customer_email: string | null
  customer_discord_id: string | null
  created_at: Date | string
  updated_at: Date | string
  revoked_at: Date | string | null
  activations?: {
    kind: string
    identifier: string
    first_seen_at: Date | string
    last_seen_at: Date | string
    released_at: Date | string | null
  }[]
}

const iso = (date: Date | string) => new Date(date).toISOString()

export function presentLicenseForProduct(
  license: LookedUpLicense,
  settings: ProductSettingsRow | null,
  licenseKey: string,
  now = new Date()
): ProductLicenseView {
  const controls = licenseControls({
    license_version_mode: license.version_mode,
    license_version_pinned: license.version_pinned,
    license_version_range: license.version_range,
    license_custom_data: license.custom_data,
    license_blocked_domains: license.blocked_domains,
    license_blocked_ips: license.blocked_ips,
    require_api_key: settings?.require_api_key ?? null,
    api_key_hash: settings?.api_key_hash ?? null,
    enforce_activation_limit: settings?.enforce_activation_limit ?? null,
    enforce_expiry: settings?.enforce_expiry ?? null,
    sign_answers: settings?.sign_answers ?? null,
    product_version_mode: settings?.version_mode ?? null,
    product_version_pinned: settings?.version_pinned ?? null,
    product_version_range: settings?.version_range ?? null,
    product_custom_data: settings?.custom_data ?? null,
    product_archived_at: settings?.archived_at ?? null,
    product_blocked_domains: settings?.blocked_domains ?? null,
    product_blocked_ips: settings?.blocked_ips ?? null,
  })
  return {
    license_key: licenseKey,
    status: effectiveLicenseStatus(license, now),
    expires_at: license.expires_at ? iso(license.expires_at) : null,
    lifetime: !license.expires_at,
    max_activations: license.max_activations,
    activations_used: license.activations_used,
    activations: (license.activations ?? [])
      .filter((a) => !a.released_at)
      .map((a) => ({
        kind: a.kind,
        identifier: a.identifier,
        first_seen_at: iso(a.first_seen_at),
        last_seen_at: iso(a.last_seen_at),
      })),
    product_id: license.product_id,
    variant_id: license.variant_id,
    product_title: license.product_title,
    variant_title: license.variant_title,
    version: controls.version,
    version_override: { mode: license.version_mode, pinned: license.version_pinned, range: license.version_range },
    data: controls.customData,
    notes: license.notes,
    customer_email: license.customer_email,
    customer_discord_id: license.customer_discord_id,
    created_at: iso(license.created_at),
    updated_at: iso(license.updated_at),
    revoked_at: license.revoked_at ? iso(license.revoked_at) : null,
  }
}
