/**
 * Upgrade rules (docs/renewals-and-upgrades.md "Upgrades"): to which variants a key may move and what the move costs.
 * Pure: no database, no clock (the caller passes now).
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** A policy's upgrade paths as stored (a text[] column; null = none), as a list without duplicates. */
export function upgradePaths(policy: { upgrade_paths?: unknown } | null | undefined): string[] {
  const paths = policy?.upgrade_paths
  return Array.isArray(paths) ? [...new Set(paths.filter((p): p is string => typeof p === "string" && p.length > 0))] : []
}

/**
 * Why a variant's upgrade paths cannot be saved, or null: every target must be another licensed variant of the same
 * product (`licensedVariants`: the ids of the product's licensed variants, as they are once the save is done).
 */
export function upgradePathsProblem(variantId: string, paths: string[], licensedVariants: ReadonlySet<string>): string | null {
  if (paths.includes(variantId)) {
    return "upgrade_paths cannot name the variant itself"
  }
  const foreign = paths.filter((p) => !licensedVariants.has(p))
  return foreign.length ? `upgrade_paths must name licensed variants of the same product (not: ${foreign.join(", ")})` : null
}

export type UpgradePriceInput = {
  /** The key's current variant's price and the target variant's price, in the cart's currency (major units). */
  from_price: number
  to_price: number
  /** The key's expiry; null = a lifetime key (or a term that has not started yet): the full difference. */
  expires_at: Date | null
  /** The term of the key's current policy; null = lifetime: the full difference. */
  term_days: number | null
  now: Date
}

/**
 * The unit price of an upgrade, or "expired" (an expired key cannot be upgraded: renew it first). The difference of
 * the two prices, prorated by the time left on the key over its policy's term (more than a term left, after a renewal,
 * pays more than the difference: the upgrade covers all of it), rounded to cents half up as Medusa stores prices,
 * never below 0. A lifetime key pays the full difference.
 */
export function upgradeUnitPrice(input: UpgradePriceInput): { type: "price"; unit_price: number } | { type: "expired" } {
  const left = input.expires_at ? new Date(input.expires_at).getTime() - input.now.getTime() : null
  if (left !== null && left <= 0) {
    return { type: "expired" }
  }
  const difference = Math.round(input.to_price * 100) - Math.round(input.from_price * 100)
  if (difference <= 0) {
    return { type: "price", unit_price: 0 }
  }
  const share = left === null || !input.term_days ? 1 : left / (input.term_days * DAY_MS)
  return { type: "price", unit_price: Math.max(0, Math.round(difference * share)) / 100 }
}
