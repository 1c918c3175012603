// The server's public types (src/modules/license/types.ts, src/types/*), imported
// as types only: nothing of the server is bundled into the dashboard.
import type {
  ActivationKind,
  EffectiveLicenseStatus,
  LicenseActorType,
  LicenseEventType,
} from "../../modules/license/types"

export type { ActivationKind, LicenseActorType, LicenseEventType } from "../../modules/license/types"
export type {
  LicensingOverview,
  LicensingOverviewCounts,
  LicensingOverviewDay,
} from "../../types/licensing-overview"

/** The status a person sees: the stored one, or `expired` derived from expires_at. */
export type LicenseStatus = EffectiveLicenseStatus

export type AdminLicense = {
  id: string
  key: string
  key_hint: string
  /** The status a person sees: `expired` is derived from expires_at. */
  status: LicenseStatus
  customer_id: string | null
  customer_email: string | null
  /** The customer identity's Discord user id (17-20 digits). */
  customer_discord_id?: string | null
  order_id: string | null
  order_display_id: number | null
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  expires_at: string | null
  /** 0 = unlimited. */
  max_activations: number
  activations_used: number
  notes: string | null
  revoked_at: string | null
  revoke_reason: string | null
  /** While suspended: billing (a payment dispute) or manual (the admin). */
  suspension?: "billing" | "manual" | null
  /** The license's deactivation budget setting: null = the policy's, 0 = unlimited. */
  deactivations_per_30_days?: number | null
  created_at: string
  updated_at: string
  /** Expiry rules snapshot from the policy (docs/renewals-and-upgrades.md "Expiry, grace and trials"). */
  expiry_strategy?: "revoke_access" | "maintain_access"
  grace_days?: number
  grace_ends_at?: string | null
  expiry_basis?: "from_issuance" | "from_first_activation"
  /** Set while the term waits for the first activation. */
  activation_term_days?: number | null
  /** On a trial key: the e-mail its trial is counted under. */
  trial_email?: string | null
  /** Feature codes (docs/entitlements-and-license-files.md). */
  entitlements?: string[]
  /** Heartbeats (docs/verify-api.md "Heartbeats and floating seats"): the policy's interval snapshot on the key; null = off. */
  heartbeat_interval_seconds?: number | null
}

export type AdminLicenseActivation = {
  id: string
  kind: ActivationKind
  /** The domain, IP or (kind machine) the machine's fingerprint. */
  identifier: string
  /** A machine's name as its app reported it; null for domains and IPs. */
  name: string | null
  first_seen_at: string
  last_seen_at: string
  last_ip: string | null
  released_at: string | null
  /** Who freed it: installed_product, customer, admin (these count against the budget), admin_override, reset, transfer. */
  released_by: string | null
  created_at: string
}

export type AdminLicenseEvent = {
  id: string
  type: LicenseEventType
  actor_type: LicenseActorType
  actor_id: string | null
  data: Record<string, unknown> | null
  created_at: string
}

/** The deactivation budget (docs/admin.md "Deactivation budget"). */
export type DeactivationBudget = {
  /** Per rolling 30 days; null = unlimited. */
  limit: number | null
  used: number
  remaining: number | null
  window_days: number
  next_available_at: string | null
  source: "license" | "policy" | "default"
}

export type AdminLicenseDetail = AdminLicense & {
  /** One page: held first, then released, newest release first. */
  activations: AdminLicenseActivation[]
  /** One page, newest first. */
  events: AdminLicenseEvent[]
  deactivations_remaining: number | null
  deactivation_budget: DeactivationBudget | null
}

/** GET /admin/licenses/:id: the license with one page of activations and of history, and their counts. */
export type AdminLicenseDetailResponse = {
  license: AdminLicenseDetail
  activations_count: number
  activations_held: number
  activations_limit: number
  activations_offset: number
  events_count: number
  events_limit: number
  events_offset: number
}

export type LicenseDetailPages = { activations_offset: number; events_offset: number }

export type AdminLicenseList = { licenses: AdminLicense[]; count: number; limit: number; offset: number }

/** The policy of one product variant, as GET /admin/products/:id/license-policies answers it. */
export type AdminVariantLicensePolicy = {
  variant_id: string
  variant_title: string | null
  licensed: boolean
  /** 0 = unlimited. */
  max_activations: number
  /** null = lifetime. */
  term_days: number | null
  /** Deactivations per rolling 30 days: null = 3 x max activations, 0 = unlimited. */
  deactivations_per_30_days: number | null
  /** Expiry rules (docs/renewals-and-upgrades.md "Expiry, grace and trials"). */
  expiry_strategy: "revoke_access" | "maintain_access"
  grace_days: number
  expiry_basis: "from_issuance" | "from_first_activation"
  /** A trial policy: one key per customer e-mail per product. */
  trial: boolean
  /** Local and staging sites verify without a slot (docs/verify-api.md "Local and staging sites"). */
  local_sites_free: boolean
  /** Feature codes copied onto new keys; hours an offline license file lasts (docs/entitlements-and-license-files.md). */
  entitlements?: string[]
  license_file_ttl_hours?: number
  /** Machines keep a seat only while they verify within this interval plus grace; null = off. */
  heartbeat_interval_seconds: number | null
}

/** A policy with its product, as GET /admin/license-policies answers it. */
export type AdminLicensePolicy = AdminVariantLicensePolicy & { product_id: string; product_title: string | null }

/** The list filters, as the list route and the export take them. */
export type LicenseListFilters = {
  q?: string
  status?: LicenseStatus[]
  product_id?: string[]
  customer_id?: string
  order_id?: string
  expiring_within_days?: number
}

/** A server type as it arrives over HTTP: Date fields become ISO strings. */
export type Serialized<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K]
}
