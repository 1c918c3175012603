// The store API's answers for Account -> Licenses, as JSON. This file travels
// with the copy-in folders (a store's starter has no access to the plugin's
// source); `npm run typecheck` checks it against the server's own types and
// presenters both ways (storefront/type-checks/server-types.ts), so it cannot
// drift from what the server sends.

export type LicenseStatus = "active" | "expired" | "suspended" | "revoked" | "grace"

export type StoreLicense = {
  id: string
  /** The full key, e.g. CP-ABCDE-... */
  key: string
  status: LicenseStatus
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  /** ISO date; null = lifetime. */
  expires_at: string | null
  /** 0 = unlimited. */
  max_activations: number
  activations_used: number
  order_id: string | null
  order_display_id: number | null
  created_at: string
  /** Set while the key's term waits for its first activation (expires_at is null until then): the term in days. */
  activation_term_days: number | null
  /** ISO date until which an expired key still works (grace period); null = no grace. */
  grace_ends_at: string | null
}

export type StoreLicenseActivation = {
  id: string
  /** `machine`: an installed app's machine; `identifier` is its fingerprint. */
  kind: "domain" | "ip" | "machine"
  identifier: string
  /** A machine's name as its app reported it; null for domains and IPs. */
  name: string | null
  first_seen_at: string
  last_seen_at: string
}

export type StoreLicenseDeactivation = {
  /** False when the store does not let customers free slots. */
  allowed: boolean
  cooldown_seconds: number
  /** While a cool-down runs: when the next slot may be freed. */
  available_at: string | null
}

/** Slots the license may free per rolling window (by the product, the customer or the store). */
export type StoreDeactivationBudget = {
  /** Null = unlimited. */
  limit: number | null
  used: number
  remaining: number | null
  window_days: number
  /** When one more deactivation becomes possible. */
  next_available_at: string | null
}

export type StoreLicenseDetail = StoreLicense & {
  /** The slots held now (released ones are not listed). */
  activations: StoreLicenseActivation[]
  deactivation: StoreLicenseDeactivation
  /** Deactivations still allowed in the window; null = unlimited. */
  deactivations_remaining: number | null
  deactivation_budget: StoreDeactivationBudget | null
}

export type StoreLicenseTransferStatus = "pending" | "awaiting_claim" | "approved" | "denied" | "canceled" | "expired"

/** The owner's latest transfer request of a license. */
export type StoreLicenseTransfer = {
  id: string
  status: StoreLicenseTransferStatus
  to_email: string
  /** The store's note on its decision. */
  note: string | null
  created_at: string
  decided_at: string | null
}

export type StoreLicenseListResponse = { licenses: StoreLicense[]; count: number; limit: number; offset: number }
export type StoreLicenseResponse = { license: StoreLicenseDetail }
export type StoreLicenseTransferResponse = { transfer: StoreLicenseTransfer | null }
export type StoreFreeActivationResponse = {
  id: string
  object: "license_activation"
  deleted: true
  license: { id: string; activations_used: number; deactivations_remaining: number | null }
}
export type StoreLicenseClaimResponse = { license_id: string; transfer_request_id: string }

/** What a mutation hands back to the page: ok, or the server's message and code. */
export type LicenseActionResult = { ok: true } | { ok: false; error: string; code?: string }

/** GET /store/customers/me/licenses/:id/releases: one release the license may install (docs/software-delivery.md). */
export type StoreLicenseRelease = {
  version: string
  channel: "stable" | "beta" | "alpha"
  changelog: string | null
  published_at: string
  file_name: string
  size: number
  sha256: string
  requires: string | null
  tested: string | null
  requires_php: string | null
  /** A signed link, valid until download_expires_at (about ten minutes). */
  download_url: string
  download_expires_at: string
}

/** A release the license would get but for an entitlement it lacks: shown locked, with no link (docs/software-delivery.md). */
export type StoreLockedRelease = {
  version: string
  channel: "stable" | "beta" | "alpha"
  published_at: string
  /** The entitlement code the license would need. */
  required_entitlement: string
}

export type StoreLicenseReleasesResponse = {
  license_id: string
  status: LicenseStatus
  releases: StoreLicenseRelease[]
  locked: StoreLockedRelease[]
}
/** GET /store/customers/me/licenses/:id/renew?region_id=: what a renewal costs in the region, or why there is none. */
export type StoreRenewalOffer =
  | { renewable: true; unit_price: number; currency_code: string; new_expires_at: string }
  | { renewable: false; code: string; message: string }

/** GET /store/customers/me/licenses/:id/upgrade: the variants the key can move to now, each with its price. */
export type StoreUpgradeOffers = {
  upgrades: { variant_id: string; variant_title: string | null; unit_price: number; currency_code: string }[]
  code?: string
  message?: string
}
