
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
  /** A refunded upgrade puts the old cap back and frees the slots over it: not refused, not counted. */
  UPGRADE_ROLLED_BACK: "upgrade_rolled_back",
  /** A machine seat of a key with heartbeats that stopped verifying (rules/heartbeat.ts): not refused, not counted. */
  HEARTBEAT: "heartbeat",
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

/** The settings a budget is computed from. */
export type BudgetRow = {
  max_activations: number
  license_setting: number | null
  policy_setting: number | null
}

export function budgetOf(row: BudgetRow, used: number, oldest: Date | null): DeactivationBudget {
  const { limit, source } = deactivationLimit(row.license_setting, row.policy_setting, row.max_activations)
  return {
    limit,
    used,
    remaining: limit === null ? null : Math.max(limit - used, 0),
    next_available_at: oldest ? new Date(oldest.getTime() + DEACTIVATION_WINDOW_DAYS * 86_400_000) : null,
    source,
  }
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
