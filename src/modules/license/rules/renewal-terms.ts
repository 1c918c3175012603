/**
 * Renewal rules of a variant's license policy (docs/renewals-and-upgrades.md): whether a key of the variant can be
 * renewed, what a renewal costs, how long it adds and from when. Pure: no database, no clock (the caller passes now).
 */

export const RenewalPriceType = { PERCENT_OFF: "percent_off", FIXED: "fixed" } as const
export type RenewalPriceType = (typeof RenewalPriceType)[keyof typeof RenewalPriceType]

export const RenewalBasis = {
  /** The new expiry is the current expiry plus the term, even when the key expired long ago. */
  FROM_EXPIRY: "from_expiry",
  /** As from_expiry while the key is still valid; once expired, the term counts from the moment of the renewal. */
  FROM_NOW_IF_EXPIRED: "from_now_if_expired",
} as const
export type RenewalBasis = (typeof RenewalBasis)[keyof typeof RenewalBasis]

/** Reminder days around expiry when the policy names none: 30 and 7 days before, 1 and 7 days after. */
export const DEFAULT_REMINDER_OFFSETS_DAYS: readonly number[] = [-30, -7, 1, 7]

/** The renewal fields of a license policy, as stored. */
export type RenewalPolicy = {
  term_days: number | null
  renewable: boolean
  renewal_price_type: RenewalPriceType
  /** 0..100, used with percent_off. */
  renewal_discount_percent: number
  /** In the cart's currency (major units, as Medusa's prices), used with fixed. */
  renewal_fixed_price: number | null
  /** null = the policy's term_days. */
  renewal_term_days: number | null
  renewal_basis: RenewalBasis
  /** null = DEFAULT_REMINDER_OFFSETS_DAYS; [] = no reminders. */
  reminder_offsets_days: number[] | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The days one renewal adds: the renewal term, else the policy's term; null when neither is set (a lifetime policy). */
export function renewalTermDays(policy: Pick<RenewalPolicy, "term_days" | "renewal_term_days">): number | null {
  return policy.renewal_term_days ?? policy.term_days ?? null
}

/** Why a policy cannot be saved as it is, or null. */
export function renewalPolicyProblem(policy: RenewalPolicy): string | null {
  const pct = Number(policy.renewal_discount_percent)
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
    return "renewal_discount_percent must be between 0 and 100"
  }
  if (policy.renewal_fixed_price !== null && (!Number.isFinite(Number(policy.renewal_fixed_price)) || Number(policy.renewal_fixed_price) < 0)) {
    return "renewal_fixed_price must be 0 or more"
  }
  if (!policy.renewable) {
    return null
  }
  if (renewalTermDays(policy) === null) {
    return "A renewable policy needs a term: set term_days or renewal_term_days (a lifetime key has nothing to renew)"
  }
  if (policy.renewal_price_type === RenewalPriceType.FIXED && policy.renewal_fixed_price === null) {
    return "renewal_fixed_price is required when renewal_price_type is fixed"
  }
  return null
}

/**
 * The unit price of one renewal in the cart's currency: the fixed price, or the variant's price less the discount,
 * rounded to cents (half up) and never below 0.
 */
export function renewalUnitPrice(
  policy: Pick<RenewalPolicy, "renewal_price_type" | "renewal_discount_percent" | "renewal_fixed_price">,
  variantPrice: number
): number {
  if (policy.renewal_price_type === RenewalPriceType.FIXED) {
    return Math.max(0, roundCents(Number(policy.renewal_fixed_price ?? 0)))
  }
  const pct = Math.min(100, Math.max(0, Number(policy.renewal_discount_percent)))
  // Work in hundredths of a cent to keep 149 * 15% exact: 149 * 8500 / 10000 = 126.65.
  return Math.max(0, Math.round(Math.round(variantPrice * 100) * (10000 - Math.round(pct * 100)) / 10000) / 100)
}

function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100
}

/**
 * The expiry after one renewal of `termDays` from `currentExpiry` under `basis`. A key without an expiry (lifetime)
 * cannot be renewed: null.
 */
export function renewedExpiry(currentExpiry: Date | null, termDays: number, basis: RenewalBasis, now: Date): Date | null {
  if (!currentExpiry) {
    return null
  }
  const from =
    basis === RenewalBasis.FROM_NOW_IF_EXPIRED && currentExpiry.getTime() < now.getTime() ? now : currentExpiry
  return new Date(from.getTime() + termDays * DAY_MS)
}

/**
 * The expiry once one extension is taken back: the extension's own length (its new expiry minus the expiry it started
 * from) comes off the current expiry, so extensions made after it are kept.
 */
export function expiryWithoutExtension(currentExpiry: Date, extension: { previous_expires_at: Date; new_expires_at: Date }): Date {
  const added = new Date(extension.new_expires_at).getTime() - new Date(extension.previous_expires_at).getTime()
  return new Date(currentExpiry.getTime() - added)
}

/** The reminder offsets a policy asks for, sorted, without duplicates. */
export function reminderOffsets(policy: Pick<RenewalPolicy, "reminder_offsets_days"> | null | undefined): number[] {
  const offsets = policy?.reminder_offsets_days ?? DEFAULT_REMINDER_OFFSETS_DAYS
  return [...new Set(offsets.map(Number))].sort((a, b) => a - b)
}
