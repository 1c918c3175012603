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

/** The columns a trial conversion replaces with the purchase's, and a rollback restores. */
export const CONVERSION_FIELDS = [
  "order_id",
  "order_display_id",
  "line_item_id",
  "unit_index",
  "customer_id",
  "variant_id",
  "variant_title",
  "product_title",
  "max_activations",
  "expires_at",
  "activation_term_days",
  "expiry_strategy",
  "grace_days",
  "expiry_basis",
  // Local and staging sites free (rules/local-sites.ts): the paid policy's. Conversion events written before
  // this field have no previous value for it; a roll-back then leaves it as it is.
  "local_sites_free",
] as const
export type ConversionField = (typeof CONVERSION_FIELDS)[number]
export type ConversionValues = Record<ConversionField, unknown>

export type ConvertibleTrial = ConversionValues & { id: string; product_id: string; trial_email: string; activations_used: number }

/**
 * Locks (FOR UPDATE) the trial keys among `pairs` that a purchase converts:
 * active, not converted, not past their expiry (a trial waiting for its first
 * activation included).
 */
export async function lockConvertibleTrials(
  trx: Knex.Transaction,
  pairs: { product_id: string; email: string }[]
): Promise<ConvertibleTrial[]> {
  if (!pairs.length) {
    return []
  }
  const { rows } = await trx.raw<{ rows: ConvertibleTrial[] }>(
    `SELECT id, product_id, trial_email, activations_used, ${CONVERSION_FIELDS.join(", ")}
       FROM license
      WHERE deleted_at IS NULL AND trial_email IS NOT NULL AND trial_converted_at IS NULL
        AND status = 'active' AND (expires_at IS NULL OR expires_at > now())
        AND (product_id, trial_email) IN (SELECT * FROM unnest(?::text[], ?::text[]))
      ORDER BY id
        FOR UPDATE`,
    [pairs.map((p) => p.product_id), pairs.map((p) => p.email)]
  )
  return rows
}

/** Writes a conversion (or, with orderId null, its rollback) onto the license row. */
export async function writeTrialConversion(
  trx: Knex.Transaction,
  licenseId: string,
  values: ConversionValues,
  conversionOrderId: string | null
): Promise<void> {
  await trx("license")
    .where({ id: licenseId })
    .update({
      ...values,
      trial_converted_at: conversionOrderId ? trx.fn.now() : null,
      trial_conversion_order_id: conversionOrderId,
      updated_at: trx.fn.now(),
    })
}

/** Locks the keys that `orderId` converted from trials, with the state before each conversion (its event). */
export async function lockConversionsOfOrder(
  trx: Knex.Transaction,
  orderId: string
): Promise<{ id: string; previous: ConversionValues | null }[]> {
  const { rows } = await trx.raw<{ rows: { id: string; previous: ConversionValues | null }[] }>(
    `SELECT l.id,
            (SELECT e.data->'previous' FROM license_event e
              WHERE e.license_id = l.id AND e.type = 'trial_converted' AND e.data->>'order_id' = ?
              ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS previous
       FROM license l
      WHERE l.trial_conversion_order_id = ? AND l.deleted_at IS NULL
      ORDER BY l.id
        FOR UPDATE OF l`,
    [orderId, orderId]
  )
  return rows
}
