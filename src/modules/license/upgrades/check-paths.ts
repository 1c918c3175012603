import { MedusaError } from "@medusajs/framework/utils"
import { upgradePaths, upgradePathsProblem } from "../rules/upgrade-terms"
import type { LicensePolicyDTO, LicensePolicyInput } from "../service"

/**
 * Refuses (400 invalid_data; the caller's transaction undoes the save) upgrade paths that do not name other licensed
 * variants of the same product, checked against the product's policies as saved (`saved`).
 */
export function assertUpgradePaths(policies: LicensePolicyInput[], saved: LicensePolicyDTO[]): void {
  const licensed = new Set(saved.filter((p) => p.licensed).map((p) => p.variant_id))
  for (const input of policies) {
    const problem = upgradePathsProblem(input.variant_id, upgradePaths(input), licensed)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${input.variant_id}: ${problem}`)
    }
  }
}
