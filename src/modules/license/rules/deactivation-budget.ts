import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The deactivation budget (docs/admin.md "Deactivation budget"): how many slots
 * of a license may be freed per rolling 30 days, so that a 1-site key cannot
 * serve any number of sites in turn by deactivating and re-verifying.
 *
 * The limit is the license's own override (`license.deactivations_per_30_days`,
 * set by the admin), else its policy's (`license_policy.deactivations_per_30_days`,
 * read when the check runs, so changing the policy applies to keys already
 * issued), else 3 x the license's max_activations. 0 means unlimited, and so
 * does the default of an unlimited license (max_activations 0).
 *
 * The count is exact under concurrency: every release that counts first takes
 * the license row lock (lockDeactivationBudget), then counts in a new statement
 * (in READ COMMITTED it sees every release committed before the lock was
 * granted), then releases in the same transaction.
 */

export const DEACTIVATION_WINDOW_DAYS = 30
/** The default budget per activation slot of the license. */
export const DEFAULT_DEACTIVATIONS_PER_SLOT = 3

/** Who freed a slot (license_activation.released_by). */
export const ReleasedBy = {
  /** POST /licenses/deactivate. Counts. */
  INSTALLED_PRODUCT: "installed_product",
  /** The customer's account. Counts. */
  CUSTOMER: "customer",
  /** The admin's "Free slot". Counts. */
  ADMIN: "admin",
  /** The admin's "Free slot" with override: not refused, not counted. */
  ADMIN_OVERRIDE: "admin_override",
  /** The admin's "Reset all": not refused, not counted. */
  RESET: "reset",
  /** An approved transfer frees every slot: not refused, not counted. */
  TRANSFER: "transfer",
} as const
export type ReleasedBy = (typeof ReleasedBy)[keyof typeof ReleasedBy]

/** The releases that count against the budget. */
export const COUNTED_RELEASES: readonly ReleasedBy[] = [ReleasedBy.INSTALLED_PRODUCT, ReleasedBy.CUSTOMER, ReleasedBy.ADMIN]

/** The typed code of a refusal, the same in the Verify API, the store API and the admin API. */
export const DEACTIVATION_LIMIT_REACHED = "deactivation_limit_reached"
export const DEACTIVATION_LIMIT_MESSAGE = "Deactivation limit reached: this license freed too many activations in the last 30 days"

export type DeactivationBudget = {
  /** Deactivations allowed per rolling 30 days; null = unlimited. */
  limit: number | null
  /** Counted deactivations in the last 30 days. */
  used: number
  /** limit - used (never below 0); null = unlimited. */
  remaining: number | null
  /** When the oldest counted deactivation of the window leaves it (one more becomes possible); null when none is counted. */
  next_available_at: Date | null
  /** Where the limit comes from. */
  source: "license" | "policy" | "default"
}

/** The limit from the license's override, the policy's setting and the license's cap (null = unlimited). */
export function deactivationLimit(
  licenseSetting: number | null | undefined,
  policySetting: number | null | undefined,
  maxActivations: number
): { limit: number | null; source: DeactivationBudget["source"] } {
  if (licenseSetting !== null && licenseSetting !== undefined) {
    return { limit: licenseSetting === 0 ? null : licenseSetting, source: "license" }
  }
  if (policySetting !== null && policySetting !== undefined) {
    return { limit: policySetting === 0 ? null : policySetting, source: "policy" }
  }
  return { limit: maxActivations === 0 ? null : DEFAULT_DEACTIVATIONS_PER_SLOT * maxActivations, source: "default" }
}

type Db = Knex | Knex.Transaction

type BudgetRow = {
  max_activations: number
  license_setting: number | null
  policy_setting: number | null
}

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

function budgetOf(row: BudgetRow, used: number, oldest: Date | null): DeactivationBudget {
  const { limit, source } = deactivationLimit(row.license_setting, row.policy_setting, row.max_activations)
  return {
    limit,
    used,
    remaining: limit === null ? null : Math.max(limit - used, 0),
    next_available_at: oldest ? new Date(oldest.getTime() + DEACTIVATION_WINDOW_DAYS * 86_400_000) : null,
    source,
  }
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

/** The budget after one more counted deactivation. */
export function afterOneDeactivation(budget: DeactivationBudget, now = new Date()): DeactivationBudget {
  const used = budget.used + 1
  return {
    ...budget,
    used,
    remaining: budget.limit === null ? null : Math.max(budget.limit - used, 0),
    next_available_at: budget.next_available_at ?? new Date(now.getTime() + DEACTIVATION_WINDOW_DAYS * 86_400_000),
  }
}

export const budgetExhausted = (budget: DeactivationBudget) => budget.remaining !== null && budget.remaining <= 0

/** The budget as the APIs show it. */
export function presentDeactivationBudget(budget: DeactivationBudget) {
  return {
    limit: budget.limit,
    used: budget.used,
    remaining: budget.remaining,
    window_days: DEACTIVATION_WINDOW_DAYS,
    next_available_at: budget.next_available_at ? budget.next_available_at.toISOString() : null,
    source: budget.source,
  }
}
