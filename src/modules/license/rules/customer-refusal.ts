import { CustomerLicenseErrorCode, describeWait, type ReleaseCustomerActivationResult } from "./customer-account"
import type { DeactivationBudget } from "./deactivation-budget"

/** The store API's refusal when the budget is used up: 429 with the wait until one more deactivation is possible. */
export function deactivationLimitRefusal(budget: DeactivationBudget, now = new Date()): ReleaseCustomerActivationResult {
  const wait = budget.next_available_at
    ? Math.max(Math.ceil((budget.next_available_at.getTime() - now.getTime()) / 1000), 1)
    : undefined
  return {
    type: "refused",
    code: CustomerLicenseErrorCode.DEACTIVATION_LIMIT_REACHED,
    message:
      `This license freed ${budget.used} activations in the last 30 days, its limit` +
      (wait ? `. You can free another one in ${describeWait(wait)}.` : ".") +
      " Please contact the store if you need more.",
    ...(wait ? { retry_after: wait } : {}),
  }
}
