import type { ActivationKind } from "../types"

/**
 * The customer's side of a license (Account -> Licenses in the storefront,
 * /store/customers/me/licenses): what a customer may see and free. The rules
 * are in activations/customer.ts; the SQL in sql/customer-licenses.ts.
 */

/** The typed codes of the store API's refusals (docs/storefront.md). */
export const CustomerLicenseErrorCode = {
  /** No license with that id belongs to the logged-in customer. */
  LICENSE_NOT_FOUND: "license_not_found",
  /** The license holds no slot with that activation id (never did, or already freed). */
  ACTIVATION_NOT_FOUND: "activation_not_found",
  /** The store turned off freeing slots from the storefront (option customerCanDeactivate). */
  DEACTIVATION_DISABLED: "customer_deactivation_disabled",
  /** The customer freed a slot of this license less than customerDeactivationCooldownSeconds ago. */
  DEACTIVATION_COOLDOWN: "deactivation_cooldown",
  /** The license's deactivation budget (per rolling 30 days) is used up (rules/deactivation-budget.ts). */
  DEACTIVATION_LIMIT_REACHED: "deactivation_limit_reached",
} as const
export type CustomerLicenseErrorCode = (typeof CustomerLicenseErrorCode)[keyof typeof CustomerLicenseErrorCode]

/** Whether (and from when) the customer may free a slot of a license. */
export type CustomerDeactivationPolicy = {
  allowed: boolean
  cooldown_seconds: number
  /** While a cool-down runs: when the next slot may be freed. Null otherwise. */
  available_at: Date | null
}

export type CustomerActivation = {
  id: string
  kind: ActivationKind
  identifier: string
  /** A machine's name as its app reported it; null for domains and IPs. */
  name: string | null
  first_seen_at: Date
  last_seen_at: Date
}

export type ReleaseCustomerActivationResult =
  | {
      type: "released"
      activation_id: string
      kind: ActivationKind
      identifier: string
      activations_used: number
      /** Deactivations still allowed in the rolling 30 days; null = unlimited. */
      deactivations_remaining: number | null
    }
  | { type: "refused"; code: CustomerLicenseErrorCode; message: string; retry_after?: number }

/** The cool-down still to wait, in whole seconds (0 = none). */
export function cooldownRemainingSeconds(lastRelease: Date | null, cooldownSeconds: number, now: Date): number {
  if (!lastRelease || cooldownSeconds <= 0) {
    return 0
  }
  const remainingMs = lastRelease.getTime() + cooldownSeconds * 1000 - now.getTime()
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0
}

/** "5 minutes", "1 hour", "30 seconds": for the cool-down message a customer reads. */
export function describeWait(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  if (seconds < 120) {
    return unit(seconds, "second")
  }
  if (seconds < 2 * 3600) {
    return unit(Math.ceil(seconds / 60), "minute")
  }
  if (seconds < 2 * 86400) {
    return unit(Math.ceil(seconds / 3600), "hour")
  }
  return unit(Math.ceil(seconds / 86400), "day")
}
