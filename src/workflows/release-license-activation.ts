import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseLicenseActivationStep, type ReleaseLicenseActivationStepInput } from "./steps/release-license-activation"

export const releaseLicenseActivationWorkflowId = "release-license-activation"

/**
 * The admin's "Free slot": frees one held activation, counted against the
 * license's deactivation budget and refused past it (`limit_reached`) unless
 * `override` (docs/admin.md "Deactivation budget"). license.deactivated is
 * emitted by the module after the release committed, as for every release.
 */
export const releaseLicenseActivationWorkflow = createWorkflow(
  releaseLicenseActivationWorkflowId,
  (input: ReleaseLicenseActivationStepInput) => {
    return new WorkflowResponse(releaseLicenseActivationStep(input))
  }
)
