/**
 * The daily verify quota of a product (docs/product-controls.md "Daily verify quota"): at most
 * `limit` counted verify calls of its keys per UTC day; past it, `quota_exceeded` until the next
 * UTC midnight. 0 = no quota. Pure: the counting is one statement (sql/quota.ts), the clock is
 * the Verify runtime's `now` (verify/runtime.ts), which tests replace.
 */

const DAY_MS = 86_400_000

/** The largest quota the admin may set (an int4 counter never overflows). */
export const MAX_DAILY_VERIFY_QUOTA = 1_000_000_000

/** What a `quota_exceeded` answer tells the installed product (signed with the rest of the answer). */
export type QuotaExceeded = {
  /** The product's calls per UTC day. */
  limit: number
  /** The next UTC midnight (ISO): calls are counted again from then. */
  resets_at: string
}

/** The product's quota today (UTC), as the admin's usage route answers it: `limit` 0 = none; `used` is exact. */
export type ProductQuotaToday = { limit: number; used: number; day: string; resets_at: string }

/** The UTC day of an instant, YYYY-MM-DD; an invalid date counts as now (never throws on the verify path). */
export function utcDay(at: Date): string {
  return validOrNow(at).toISOString().slice(0, 10)
}

/** The UTC midnight that starts the day after `at`'s. */
export function nextUtcMidnight(at: Date): Date {
  return new Date((Math.floor(validOrNow(at).getTime() / DAY_MS) + 1) * DAY_MS)
}

/**
 * Whether this call of the product's key counts against its quota: only with a quota
 * (above 0), and never for an archived product (its calls answer product_archived).
 */
export function quotaApplies(controls: { dailyVerifyQuota: number; archived: boolean }): boolean {
  return controls.dailyVerifyQuota > 0 && !controls.archived
}

/** The `quota` field of a quota_exceeded answer given at `now`. */
export function quotaExceeded(limit: number, now: Date): QuotaExceeded {
  return { limit, resets_at: nextUtcMidnight(now).toISOString() }
}

function validOrNow(at: Date): Date {
  return Number.isFinite(at.getTime()) ? at : new Date()
}
