import type { ExpiryBasis, ExpiryStrategy } from "../rules/expiry"
import type { RenewalBasis, RenewalPriceType } from "../rules/renewal-terms"
import type { LicenseDTO } from "../service"

/** One licensed unit to issue a key for. */
export type IssueLicenseInput = {
  customer_id?: string | null
  customer_email?: string | null
  /** The customer identity's Discord user id (rules/discord-id.ts). */
  customer_discord_id?: string | null
  order_id?: string | null
  order_display_id?: number | null
  /** With line_item_id, issuance is idempotent per (line_item_id, unit_index). */
  line_item_id?: string | null
  unit_index?: number
  product_id?: string | null
  variant_id?: string | null
  product_title?: string | null
  variant_title?: string | null
  max_activations: number
  /** Explicit expiry wins over term_days; both absent = lifetime. */
  expires_at?: Date | null
  term_days?: number | null
  notes?: string | null
  metadata?: Record<string, unknown> | null
  /** The policy's expiry rules, snapshot on the key (rules/expiry.ts); absent = revoke_access, no grace, from issuance. */
  expiry_strategy?: ExpiryStrategy
  grace_days?: number
  expiry_basis?: ExpiryBasis
  /** The policy's "local and staging sites are free" (rules/local-sites.ts), snapshot on the key; absent = off. */
  local_sites_free?: boolean
  /** The policy's entitlement codes (rules/entitlements.ts), snapshot on the key; absent = none. */
  entitlements?: string[]
  /** The policy's heartbeat interval (rules/heartbeat.ts), snapshot on the key; absent = off. */
  heartbeat_interval_seconds?: number | null
  /** A trial unit: issued only when its e-mail holds no trial of the product yet (trials/trial-units.ts). */
  trial?: boolean
}

export type IssueLicensesResult = {
  /** Licenses this call created. */
  created: LicenseDTO[]
  /** Licenses that already existed for the requested units. */
  existing: LicenseDTO[]
  /** Trial keys this call converted into paid keys of the requested units (trials/convert-trials.ts). */
  converted?: LicenseDTO[]
}

export type LicensePolicyInput = {
  variant_id: string
  licensed: boolean
  max_activations: number
  term_days: number | null
  /** Deactivations per rolling 30 days: null = 3 x max_activations, 0 = unlimited; absent = unchanged. */
  deactivations_per_30_days?: number | null
  /** Expiry rules (rules/expiry.ts); absent = unchanged (a new policy: revoke_access, 0, from_issuance). */
  expiry_strategy?: ExpiryStrategy
  grace_days?: number
  expiry_basis?: ExpiryBasis
  /** Local and staging sites verify without a slot (rules/local-sites.ts); absent = unchanged (a new policy: on). */
  local_sites_free?: boolean
  /** Feature codes copied onto the keys issued from now on (rules/entitlements.ts); absent = unchanged. */
  entitlements?: string[]
  /** Hours an offline license file is valid (rules/license-file.ts), at least 1; absent = unchanged (a new policy: 720). */
  license_file_ttl_hours?: number
  /** Machine seats need a heartbeat within this interval plus grace (rules/heartbeat.ts); null = off; absent = unchanged. */
  heartbeat_interval_seconds?: number | null
  /** A trial policy (rules/trials.ts); absent = unchanged. A trial without an expiry_basis counts from the first activation. */
  trial?: boolean
  /** Renewal fields (rules/renewal-terms.ts); absent = unchanged. */
  renewable?: boolean
  renewal_price_type?: RenewalPriceType
  renewal_discount_percent?: number
  renewal_fixed_price?: number | null
  renewal_term_days?: number | null
  renewal_basis?: RenewalBasis
  reminder_offsets_days?: number[] | null
  /** Variants of the same product a key of this variant may be upgraded to (rules/upgrade-terms.ts); absent = unchanged. */
  upgrade_paths?: string[] | null
}
