import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IssueLicenseInput } from "../issuance/types"
import { expiryOnIssue } from "../rules/expiry"
import { trialEmail, trialSlot } from "../rules/trials"
import { licenseEventRow } from "../sql/events"
import {
  CONVERSION_FIELDS,
  type ConversionValues,
  lockConversionsOfOrder,
  lockConvertibleTrials,
  lockTrialSlots,
  writeTrialConversion,
} from "../sql/trials"
import { type LicenseActor, LicenseEventType } from "../types"

/**
 * Trial conversion (docs/renewals-and-upgrades.md "Expiry, grace and trials"). A paid unit
 * of a product whose customer e-mail holds an active trial key of that product converts
 * the trial key instead of getting a new key: the same key and activations, the purchase's
 * order, line, variant, cap, expiry rules and term (counted from the purchase; a term from
 * the first activation starts now when the trial is activated already). A refund of the
 * converting order rolls it back (rollBackTrialConversions).
 */

type EventRow = ReturnType<typeof licenseEventRow>

const DAY_MS = 24 * 60 * 60 * 1000
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value)

/**
 * Takes the units that convert a trial out of `units` (under the trial slot
 * locks and the trial rows' locks) and converts those trials. Returns the
 * units still to issue, the converted license ids and their history rows.
 */
export async function convertTrialUnits<U extends IssueLicenseInput>(
  trx: Knex.Transaction,
  units: U[],
  actor: LicenseActor,
  now: Date
): Promise<{ remaining: U[]; converted: string[]; events: EventRow[] }> {
  const paid = units.filter((u) => !u.trial && u.order_id && u.product_id && trialEmail(u.customer_email))
  if (!paid.length) {
    return { remaining: units, converted: [], events: [] }
  }
  const pairs = paid.map((u) => ({ product_id: u.product_id!, email: trialEmail(u.customer_email)! }))
  await lockTrialSlots(trx, pairs.map((p) => trialSlot(p.product_id, p.email)))
  const trials = new Map((await lockConvertibleTrials(trx, pairs)).map((t) => [trialSlot(t.product_id, t.trial_email), t]))
  const consumed = new Set<U>()
  const events: EventRow[] = []
  for (const unit of paid) {
    const slot = trialSlot(unit.product_id!, trialEmail(unit.customer_email)!)
    const trial = trials.get(slot)
    if (!trial) {
      continue
    }
    trials.delete(slot)
    consumed.add(unit)
    let expiry = expiryOnIssue(unit, now)
    if (expiry.activation_term_days && trial.activations_used > 0) {
      expiry = { expires_at: new Date(now.getTime() + expiry.activation_term_days * DAY_MS), activation_term_days: null }
    }
    const values: ConversionValues = {
      order_id: unit.order_id,
      order_display_id: unit.order_display_id ?? null,
      line_item_id: unit.line_item_id ?? null,
      unit_index: unit.unit_index ?? 0,
      customer_id: unit.customer_id ?? trial.customer_id,
      variant_id: unit.variant_id ?? null,
      variant_title: unit.variant_title ?? null,
      product_title: unit.product_title ?? trial.product_title,
      max_activations: unit.max_activations,
      expires_at: expiry.expires_at,
      activation_term_days: expiry.activation_term_days,
      expiry_strategy: unit.expiry_strategy ?? "revoke_access",
      grace_days: unit.grace_days ?? 0,
      expiry_basis: unit.expiry_basis ?? "from_issuance",
      local_sites_free: unit.local_sites_free ?? false,
    }
    const previous = Object.fromEntries(CONVERSION_FIELDS.map((f) => [f, iso(trial[f])]))
    await writeTrialConversion(trx, trial.id, values, unit.order_id!)
    events.push(
      licenseEventRow(trial.id, LicenseEventType.TRIAL_CONVERTED, actor, {
        order_id: unit.order_id,
        line_item_id: unit.line_item_id ?? null,
        variant_id: unit.variant_id ?? null,
        max_activations: unit.max_activations,
        expires_at: iso(expiry.expires_at),
        previous,
      })
    )
  }
  return { remaining: units.filter((u) => !consumed.has(u)), converted: events.map((e) => e.license_id), events }
}

/**
 * Rolls back the trial conversions of `orderId` (its refund or cancellation):
 * each converted key gets back its trial state (order, line, variant, cap,
 * expiry, rules) and keeps its activations; one `trial_conversion_rolled_back`
 * event each. Run under the order's licensing lock, before the order's keys are
 * revoked, so the trial key is not among them. Idempotent: a rolled-back key
 * no longer names the order.
 */
export async function rollBackTrialConversions(
  trx: Knex.Transaction,
  orderId: string,
  actor: LicenseActor
): Promise<{ rolledBack: string[]; events: EventRow[] }> {
  const conversions = await lockConversionsOfOrder(trx, orderId)
  const events: EventRow[] = []
  for (const { id, previous } of conversions) {
    if (!previous) {
      continue
    }
    await writeTrialConversion(trx, id, previous, null)
    events.push(licenseEventRow(id, LicenseEventType.TRIAL_CONVERSION_ROLLED_BACK, actor, { order_id: orderId, restored: previous }))
  }
  return { rolledBack: events.map((e) => e.license_id), events }
}
