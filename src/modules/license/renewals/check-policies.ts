import { MedusaError } from "@medusajs/framework/utils"
import { renewalPolicyFields } from "../rules/renewal-policy-fields"
import { renewalPolicyProblem } from "../rules/renewal-terms"
import type { LicensePolicyDTO, LicensePolicyInput } from "../service"

/**
 * Refuses (400 invalid_data, nothing saved) a policy whose renewal fields, merged over what is stored, do not hold
 * together: a renewable lifetime policy without a renewal term, a fixed renewal price without an amount.
 */
export function assertRenewalPolicies(policies: LicensePolicyInput[], stored: Map<string, LicensePolicyDTO>): void {
  for (const input of policies) {
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
    const merged = { ...renewalPolicyFields(stored.get(input.variant_id)), ...defined, term_days: input.term_days }
    const problem = renewalPolicyProblem({ ...renewalPolicyFields(merged), term_days: merged.term_days })
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${input.variant_id}: ${problem}`)
    }
  }
}

/** A policy input as the generated create/update methods take it: the reminder offsets go into a jsonb column. */
export function policyRow<T extends LicensePolicyInput>(input: T): Omit<T, "reminder_offsets_days"> & { reminder_offsets_days?: Record<string, unknown> | null } {
  const { reminder_offsets_days, ...rest } = input
  // A JSON array in a jsonb column; the DML types json() as an object.
  return reminder_offsets_days === undefined ? rest : { ...rest, reminder_offsets_days: reminder_offsets_days as unknown as Record<string, unknown> | null }
}
