import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents } from "../modules/license/types"
import {
  type ReleaseLicenseActivationResult,
  releaseLicenseActivationStep,
  type ReleaseLicenseActivationStepInput,
} from "./steps/release-license-activation"
import { slotReleasedEventData } from "./utils/slot-released-event"

export const releaseLicenseActivationWorkflowId = "release-license-activation"

/**
 * The admin's "Free slot": frees one held activation, counted against the
 * license's deactivation budget and refused past it (`limit_reached`) unless
 * `override` (docs/admin.md "Deactivation budget"). A freed slot emits
 * license.deactivated once the workflow succeeded; a refusal emits nothing.
 */
export const releaseLicenseActivationWorkflow = createWorkflow(
  releaseLicenseActivationWorkflowId,
  (input: ReleaseLicenseActivationStepInput) => {
    const result = releaseLicenseActivationStep(input)
    when({ result }, ({ result }) => result.type === "released").then(() => {
      const event = transform({ result, input }, ({ result, input }) => {
        const { released } = result as Extract<ReleaseLicenseActivationResult, { type: "released" }>
        return slotReleasedEventData(input.license_id, {
          activationId: released.id,
          kind: released.kind,
          identifier: released.identifier,
          activationsUsed: released.activations_used,
        })
      })
      emitEventStep({ eventName: LicenseEvents.DEACTIVATED, data: event }).config({ name: "emit-license-deactivated" })
    })
    return new WorkflowResponse(result)
  }
)
