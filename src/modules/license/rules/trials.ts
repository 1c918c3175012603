import { ExpiryBasis } from "./expiry"

/**
 * Trials (docs/renewals-and-upgrades.md "Expiry, grace and trials"): one trial key per
 * customer e-mail per product. Pure.
 */

/** The typed code of a refused second trial (checkout and the store API). */
export const TRIAL_ALREADY_USED = "trial_already_used"

/** How trial e-mails compare: trimmed, lower-cased (the unique index stores this form). */
export const trialEmail = (email: string | null | undefined): string | null => email?.trim().toLowerCase() || null

/** The (product, e-mail) a trial is counted under. */
/** Product ids hold no space; the key goes into an advisory lock name, so no NUL. */
export const trialSlot = (productId: string, email: string) => `${productId} ${email}`

/** A trial policy counts its term from the first activation unless the admin chose a basis. */
export function withTrialDefaults<T extends { trial?: boolean; expiry_basis?: ExpiryBasis }>(policy: T): T {
  return policy.trial && policy.expiry_basis === undefined
    ? { ...policy, expiry_basis: ExpiryBasis.FROM_FIRST_ACTIVATION }
    : policy
}

/**
 * Which trial units of a batch may get a key: one per (product, e-mail) that
 * holds no trial yet. `taken` = the slots that already have a trial key.
 * Units without a product or an e-mail cannot be counted and get no trial.
 */
export function trialUnitsToIssue<U extends { product_id?: string | null; customer_email?: string | null }>(
  units: U[],
  taken: Set<string>
): Set<U> {
  const granted = new Set<U>()
  const seen = new Set(taken)
  for (const unit of units) {
    const email = trialEmail(unit.customer_email)
    if (!unit.product_id || !email) {
      continue
    }
    const slot = trialSlot(unit.product_id, email)
    if (!seen.has(slot)) {
      seen.add(slot)
      granted.add(unit)
    }
  }
  return granted
}
