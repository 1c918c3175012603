import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { advisoryXactLock } from "../database"
import { trialSlot } from "../rules/trials"

/**
 * Serialises trial issuance per (product, e-mail) across orders and server
 * instances, in slot order so two batches cannot deadlock.
 */
export async function lockTrialSlots(trx: Knex.Transaction, slots: Iterable<string>): Promise<void> {
  for (const slot of [...new Set(slots)].sort()) {
    await advisoryXactLock(trx, `license-trial:${slot}`)
  }
}

/** The (product, e-mail) slots among `pairs` that already hold a trial key (converted ones included). */
export async function takenTrialSlots(
  db: Knex | Knex.Transaction,
  pairs: { product_id: string; email: string }[]
): Promise<Set<string>> {
  if (!pairs.length) {
    return new Set()
  }
  const { rows } = await db.raw<{ rows: { product_id: string; trial_email: string }[] }>(
    `SELECT product_id, trial_email FROM license
      WHERE deleted_at IS NULL AND trial_email IS NOT NULL
        AND (product_id, trial_email) IN (SELECT * FROM unnest(?::text[], ?::text[]))`,
    [pairs.map((p) => p.product_id), pairs.map((p) => p.email)]
  )
  return new Set(rows.map((r) => trialSlot(r.product_id, r.trial_email)))
}
