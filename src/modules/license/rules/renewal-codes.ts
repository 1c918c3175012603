/**
 * The typed codes of the store API's renewal and upgrade refusals (docs/renewals-and-upgrades.md), with their HTTP
 * status: one table, as both put a license action into a cart the same way.
 */
export const RenewalErrorCode = {
  /** No such license (for a customer: none of theirs; for a guest: no key like that). */
  LICENSE_NOT_FOUND: "license_not_found",
  /** The key is not a license key at all. */
  MALFORMED_KEY: "malformed_license_key",
  LICENSE_REVOKED: "license_revoked",
  /** The variant's policy is not renewable, or the key is a lifetime key. */
  NOT_RENEWABLE: "license_not_renewable",
  /** The cart already holds a renewal of this key. */
  ALREADY_IN_CART: "renewal_already_in_cart",
  CART_NOT_FOUND: "cart_not_found",
  CART_COMPLETED: "cart_completed",
  /** The variant has no price in the cart's currency to take the discount off. */
  NO_PRICE: "renewal_price_unavailable",
  /** Too many unknown or malformed keys from this address (the Verify API's failure budget). */
  RATE_LIMITED: "rate_limited",
  // Upgrades (docs/renewals-and-upgrades.md "Upgrades")
  LICENSE_SUSPENDED: "license_suspended",
  /** An expired key (in grace too) is renewed, not upgraded. */
  LICENSE_EXPIRED: "license_expired",
  /** The target variant is not on the upgrade path of the key's variant (or is not licensed any more). */
  UPGRADE_NOT_AVAILABLE: "upgrade_not_available",
  /** The cart already upgrades or renews this key. */
  UPGRADE_ALREADY_IN_CART: "upgrade_already_in_cart",
  /** One of the two variants has no price in the cart's currency. */
  UPGRADE_NO_PRICE: "upgrade_price_unavailable",
} as const
export type RenewalErrorCode = (typeof RenewalErrorCode)[keyof typeof RenewalErrorCode]

export const RENEWAL_ERROR_STATUS: Record<RenewalErrorCode, number> = {
  license_not_found: 404,
  malformed_license_key: 400,
  license_revoked: 409,
  license_not_renewable: 409,
  renewal_already_in_cart: 409,
  cart_not_found: 404,
  cart_completed: 409,
  renewal_price_unavailable: 409,
  rate_limited: 429,
  license_suspended: 409,
  license_expired: 409,
  upgrade_not_available: 409,
  upgrade_already_in_cart: 409,
  upgrade_price_unavailable: 409,
}

export type RenewalRefusal = { type: "refused"; code: RenewalErrorCode; message: string; retry_after?: number }

export const refuseRenewal = (code: RenewalErrorCode, message: string, retryAfter?: number): RenewalRefusal =>
  retryAfter === undefined ? { type: "refused", code, message } : { type: "refused", code, message, retry_after: retryAfter }

/** What a line item's metadata says it is: a renewal or an upgrade of an existing license, or null. */
export const LicenseLineAction = { RENEW: "renew", UPGRADE: "upgrade" } as const
export type LicenseLineAction = (typeof LicenseLineAction)[keyof typeof LicenseLineAction]

export function licenseLineAction(
  item: { metadata?: Record<string, unknown> | null } | null | undefined
): { action: "renew"; license_id: string } | { action: "upgrade"; license_id: string; to_variant_id: string } | null {
  const metadata = item?.metadata
  const action = metadata?.license_action
  const licenseId = metadata?.license_id
  if (typeof licenseId !== "string" || !licenseId) {
    return null
  }
  if (action === LicenseLineAction.RENEW) {
    return { action, license_id: licenseId }
  }
  const toVariant = metadata?.license_upgrade_to_variant_id
  if (action === LicenseLineAction.UPGRADE && typeof toVariant === "string" && toVariant) {
    return { action, license_id: licenseId, to_variant_id: toVariant }
  }
  return null
}

/** True when a line item extends or changes an existing key instead of buying a new one. */
export const isLicenseActionLine = (item: { metadata?: Record<string, unknown> | null } | null | undefined) =>
  typeof item?.metadata?.license_action === "string"
