/**
 * The store API calls of Account -> Licenses. Any @medusajs/js-sdk instance
 * fits `LicensesSdk` (only `sdk.client.fetch` is used), so a Next.js starter
 * passes its own `sdk` from src/lib/config.ts.
 */

export type LicenseStatus = "active" | "expired" | "suspended" | "revoked"

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
}

export type StoreLicenseActivation = {
  id: string
  kind: "domain" | "ip"
  identifier: string
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

/** The license's deactivation budget: slots it may free per rolling 30 days (by the product, the customer or the store). */
export type StoreDeactivationBudget = {
  /** Null = unlimited. */
  limit: number | null
  used: number
  remaining: number | null
  window_days: number
  /** When one more deactivation becomes possible (the oldest counted one leaves the window). */
  next_available_at: string | null
}

export type StoreLicenseDetail = StoreLicense & {
  /** The slots held now (released ones are not listed). */
  activations: StoreLicenseActivation[]
  deactivation: StoreLicenseDeactivation
  /** Deactivations still allowed in the rolling 30 days; null = unlimited. */
  deactivations_remaining: number | null
  deactivation_budget: StoreDeactivationBudget | null
}

export type StoreLicenseListResponse = { licenses: StoreLicense[]; count: number; limit: number; offset: number }
export type StoreLicenseResponse = { license: StoreLicenseDetail }
export type StoreFreeActivationResponse = {
  id: string
  object: "license_activation"
  deleted: true
  license: { id: string; activations_used: number; deactivations_remaining: number | null }
}

type FetchInit = {
  method?: string
  query?: Record<string, unknown>
  headers?: Record<string, string>
  body?: Record<string, unknown>
}

/** The part of the Medusa JS SDK these components use. */
export type LicensesSdk = {
  client: { fetch<T>(input: string, init?: FetchInit): Promise<T> }
}

const BASE = "/store/customers/me/licenses"

export function listMyLicenses(sdk: LicensesSdk, query: { limit?: number; offset?: number } = {}) {
  return sdk.client.fetch<StoreLicenseListResponse>(BASE, { method: "GET", query })
}

export function retrieveMyLicense(sdk: LicensesSdk, licenseId: string) {
  return sdk.client.fetch<StoreLicenseResponse>(`${BASE}/${encodeURIComponent(licenseId)}`, { method: "GET" })
}

export function freeMyActivation(sdk: LicensesSdk, licenseId: string, activationId: string) {
  return sdk.client.fetch<StoreFreeActivationResponse>(
    `${BASE}/${encodeURIComponent(licenseId)}/activations/${encodeURIComponent(activationId)}`,
    { method: "DELETE" }
  )
}

export type StoreLicenseClaimResponse = { license_id: string; transfer_request_id: string }

/**
 * Redeems a transfer's claim link for the logged-in customer: the license moves
 * to their account. The token goes in the body (never in a URL the server logs).
 * Refusals are 4xx with a `code`: claim_not_found, claim_expired, claim_used,
 * license_not_transferable, transfer_to_current_owner (docs/transfers.md).
 */
export function redeemLicenseClaim(sdk: LicensesSdk, token: string) {
  return sdk.client.fetch<StoreLicenseClaimResponse>("/store/customers/me/license-claims", {
    method: "POST",
    body: { token },
  })
}

/** The claim token of a claim link (`...?token=...`), or null. */
export function claimTokenFromUrl(url: string): string | null {
  try {
    return new URL(url).searchParams.get("token")
  } catch {
    return null
  }
}

/** The message to show for a failed call (the SDK throws FetchError with the server's message and status). */
export function errorMessage(error: unknown): string {
  const status = (error as { status?: number } | null)?.status
  if (status === 401) {
    return "Your session has expired. Please log in again."
  }
  if (error instanceof Error && error.message) {
    return error.message
  }
  return "Something went wrong. Please try again."
}
