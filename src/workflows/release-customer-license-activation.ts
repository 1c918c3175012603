import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents } from "../modules/license/types"
import {
  type ReleaseCustomerLicenseActivationResult,
  releaseCustomerLicenseActivationStep,
  type ReleaseCustomerLicenseActivationStepInput,
} from "./steps/release-customer-license-activation"
import { slotReleasedEventData } from "./utils/slot-released-event"

export type ReleaseCustomerLicenseActivationInput = ReleaseCustomerLicenseActivationStepInput

export const releaseCustomerLicenseActivationWorkflowId = "release-customer-license-activation"

/**
 * The customer's "Free this slot" (docs/storefront.md): frees one of their
 * slots and emits license.deactivated; a refusal is returned as such (the
 * route answers it with its code) and emits nothing.
 */
export const releaseCustomerLicenseActivationWorkflow = createWorkflow(
  releaseCustomerLicenseActivationWorkflowId,
  (input: ReleaseCustomerLicenseActivationInput) => {
    const result = releaseCustomerLicenseActivationStep(input)
    when({ result }, ({ result }) => result.type === "released").then(() => {
      const event = transform({ result, input }, ({ result, input }) => {
        const released = result as Extract<ReleaseCustomerLicenseActivationResult, { type: "released" }>
        return slotReleasedEventData(input.license_id, {
          activationId: released.activation_id,
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
