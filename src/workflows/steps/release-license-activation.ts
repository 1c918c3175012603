import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import { presentDeactivationBudget } from "../../modules/license/rules/deactivation-budget"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseActor } from "../../modules/license/types"

export type ReleaseLicenseActivationStepInput = {
  license_id: string
  activation_id: string
  actor: LicenseActor
  /** Free past the deactivation budget, not counted against it. */
  override: boolean
}

export type ReleaseLicenseActivationResult =
  | {
      type: "released"
      released: { id: string; kind: string; identifier: string; activations_used: number }
      deactivation_budget: ReturnType<typeof presentDeactivationBudget>
    }
  | { type: "limit_reached"; deactivation_budget: ReturnType<typeof presentDeactivationBudget> }

/**
 * The admin frees one slot within the license's deactivation budget (or past
 * it with override; see LicenseModuleService.releaseActivationAsAdmin). No
 * compensation: once freed, the slot may already be taken by another site, so
 * it cannot be given back; the release is recorded as a `deactivated` event.
 */
export const releaseLicenseActivationStep = createStep(
  "release-license-activation",
  async ({ license_id, activation_id, actor, override }: ReleaseLicenseActivationStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const outcome = await licenseModule.releaseActivationAsAdmin(license_id, activation_id, actor, { override })
    const deactivation_budget = presentDeactivationBudget(outcome.budget)
    const result: ReleaseLicenseActivationResult =
      outcome.type === "released"
        ? {
            type: "released",
            released: {
              id: outcome.slot.activationId,
              kind: outcome.slot.kind,
              identifier: outcome.slot.identifier,
              activations_used: outcome.slot.activationsUsed,
            },
            deactivation_budget,
          }
        : { type: "limit_reached", deactivation_budget }
    return new StepResponse(result)
  }
)
