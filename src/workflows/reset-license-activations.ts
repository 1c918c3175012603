import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents } from "../modules/license/types"
import { resetLicenseActivationsStep, type ResetLicenseActivationsStepInput } from "./steps/reset-license-activations"
import { slotReleasedEventData } from "./utils/slot-released-event"

export type ResetLicenseActivationsInput = ResetLicenseActivationsStepInput

export const resetLicenseActivationsWorkflowId = "reset-license-activations"

/**
 * The admin's "Reset all": frees every held slot of the license, then emits
 * license.deactivated once per freed slot (none when no slot was held).
 */
export const resetLicenseActivationsWorkflow = createWorkflow(
  resetLicenseActivationsWorkflowId,
  (input: ResetLicenseActivationsInput) => {
    const result = resetLicenseActivationsStep(input)
    const events = transform({ result, input }, ({ result, input }) =>
      result.released.map((slot) => slotReleasedEventData(input.license_id, slot))
    )
    emitEventStep({ eventName: LicenseEvents.DEACTIVATED, data: events }).config({ name: "emit-license-deactivated" })
    return new WorkflowResponse(result)
  }
)
