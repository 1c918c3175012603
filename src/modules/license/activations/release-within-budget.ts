import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { VerifyIdentity } from "../rules/identity"
import { type ReleasedSlot, releaseActivationSlot, releaseActivationSlotById, slotIsHeld } from "../sql/activations"
import {
  afterOneDeactivation,
  budgetExhausted,
  COUNTED_RELEASES,
  type DeactivationBudget,
  type ReleasedBy,
} from "../rules/deactivation-budget"
import { lockDeactivationBudget } from "../sql/deactivation-budget"

/** Which held slot to free: the caller's own identity (Verify API) or an activation id (customer, admin). */
export type SlotToRelease = { identity: VerifyIdentity } | { activationId: string }

export type BudgetedRelease =
  /** Freed; `budget` is the budget after this release. */
  | { type: "released"; slot: ReleasedSlot; budget: DeactivationBudget }
  /** The slot is held but the budget is used up: nothing changed. */
  | { type: "limit_reached"; budget: DeactivationBudget }
  /** No such held slot (or no such license: budget null). */
  | { type: "not_held"; budget: DeactivationBudget | null }

/**
 * Frees a held slot within the license's deactivation budget, in the caller's
 * transaction: locks the license row, counts the window, refuses when the
 * budget is used up (unless `releasedBy` is one that does not count), then
 * runs the shared release statement. Lock order license -> activation, like
 * taking a slot, so it cannot deadlock with a verify.
 */
export async function releaseWithinBudget(
  trx: Knex.Transaction,
  licenseId: string,
  slot: SlotToRelease,
  releasedBy: ReleasedBy
): Promise<BudgetedRelease> {
  const budget = await lockDeactivationBudget(trx, licenseId)
  if (!budget) {
    return { type: "not_held", budget: null }
  }
  const counts = COUNTED_RELEASES.includes(releasedBy)
  if (counts && budgetExhausted(budget)) {
    return (await slotIsHeld(trx, licenseId, slot)) ? { type: "limit_reached", budget } : { type: "not_held", budget }
  }
  const released =
    "identity" in slot
      ? await releaseActivationSlot(trx, licenseId, slot.identity, releasedBy)
      : await releaseActivationSlotById(trx, licenseId, slot.activationId, releasedBy)
  if (!released) {
    return { type: "not_held", budget }
  }
  return { type: "released", slot: released, budget: counts ? afterOneDeactivation(budget) : budget }
}
