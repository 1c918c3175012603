import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type BudgetRow, budgetOf, COUNTED_RELEASES, type DeactivationBudget, DEACTIVATION_WINDOW_DAYS } from "../rules/deactivation-budget"

/** The SQL of the deactivation budget (rules/deactivation-budget.ts). */

type Db = Knex | Knex.Transaction


const BUDGET_SETTINGS = `
  SELECT l.max_activations, l.deactivations_per_30_days AS license_setting,
         p.deactivations_per_30_days AS policy_setting
    FROM license l
    LEFT JOIN license_policy p ON p.variant_id = l.variant_id AND p.deleted_at IS NULL
   WHERE l.id = ? AND l.deleted_at IS NULL`

/** Counted releases of the window, and the oldest of them. */
async function countWindow(db: Db, licenseId: string): Promise<{ used: number; oldest: Date | null }> {
  const { rows } = await db.raw(
    `SELECT count(*)::int AS used, min(released_at) AS oldest
       FROM license_activation
      WHERE license_id = ? AND released_at IS NOT NULL AND deleted_at IS NULL
        AND released_at > now() - make_interval(days => ?)
        AND released_by = ANY(?::text[])`,
    [licenseId, DEACTIVATION_WINDOW_DAYS, COUNTED_RELEASES as string[]]
  )
  return { used: rows[0].used, oldest: rows[0].oldest ? new Date(rows[0].oldest) : null }
}

/**
 * Locks the license row (FOR UPDATE) and reads its budget after the lock is
 * granted. Every release that counts calls this first in its transaction, so
 * two concurrent releases at the edge of the budget are serialised and the
 * second sees the first. Null when there is no such license.
 */
export async function lockDeactivationBudget(trx: Knex.Transaction, licenseId: string): Promise<DeactivationBudget | null> {
  const { rows } = await trx.raw(`${BUDGET_SETTINGS} FOR UPDATE OF l`, [licenseId])
  if (!rows.length) {
    return null
  }
  // A new statement: its snapshot is taken after the lock was granted.
  const { used, oldest } = await countWindow(trx, licenseId)
  return budgetOf(rows[0], used, oldest)
}

/** The budget as it is now, without a lock (to show it). Null when there is no such license. */
export async function readDeactivationBudget(db: Db, licenseId: string): Promise<DeactivationBudget | null> {
  const [{ rows }, window] = await Promise.all([db.raw(BUDGET_SETTINGS, [licenseId]), countWindow(db, licenseId)])
  return rows.length ? budgetOf(rows[0], window.used, window.oldest) : null
}
