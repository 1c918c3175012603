import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IssueLicenseInput } from "../issuance/types"
import type LicenseModuleService from "../service"
import { trialEmail, trialSlot, trialUnitsToIssue } from "../rules/trials"
import { lockTrialSlots, takenTrialSlots } from "../sql/trials"

/**
 * Issuance's trial hook (docs/renewals-and-upgrades.md "Expiry, grace and trials"): of the
 * units about to get a key, a trial unit keeps its place only when its customer e-mail has
 * no trial of that product yet (under a per-(product, e-mail) advisory lock, so concurrent
 * orders of one e-mail issue one trial); the others are dropped. Kept trial units carry
 * trial_email, which the unique index holds to one per product.
 */
export async function admitTrialUnits<U extends IssueLicenseInput>(
  trx: Knex.Transaction,
  units: U[]
): Promise<(U & { trial_email?: string | null })[]> {
  const trials = units.filter((u) => u.trial)
  if (!trials.length) {
    return units
  }
  const pairs = trials.flatMap((u) => {
    const email = trialEmail(u.customer_email)
    return u.product_id && email ? [{ product_id: u.product_id, email }] : []
  })
  await lockTrialSlots(trx, pairs.map((p) => trialSlot(p.product_id, p.email)))
  const granted = trialUnitsToIssue(trials, await takenTrialSlots(trx, pairs))
  return units.flatMap((u) => {
    if (!u.trial) {
      return [u]
    }
    return granted.has(u) ? [{ ...u, trial_email: trialEmail(u.customer_email) }] : []
  })
}

/** The products among `productIds` for which `email` already holds a trial key (the checkout's check). */
export async function trialsTakenBy(db: Knex, email: string, productIds: string[]): Promise<string[]> {
  const normalised = trialEmail(email)
  if (!normalised || !productIds.length) {
    return []
  }
  const taken = await takenTrialSlots(db, productIds.map((product_id) => ({ product_id, email: normalised })))
  return productIds.filter((id) => taken.has(trialSlot(id, normalised)))
}

/** The products among productIds for which the e-mail already holds a trial key (the checkout's one-trial check). */
export async function listTrialsTakenBy(this: LicenseModuleService, email: string, productIds: string[]): Promise<string[]> {
  return await trialsTakenBy(this.pgConnection_(), email, productIds)
}
