import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { OfflineActivationInput } from "../modules/license/license-files/checkout"
import { offlineLicenseActivationStep } from "./steps/offline-license-activation"

export const offlineLicenseActivationWorkflowId = "offline-license-activation"

/**
 * Account -> Licenses -> "Offline activation" and the admin's button on the license detail
 * (docs/entitlements-and-license-files.md "Air-gapped machines"): an activation request file in,
 * a license file out. With customer_id, only the customer's own license.
 */
export const offlineLicenseActivationWorkflow = createWorkflow(offlineLicenseActivationWorkflowId, (input: OfflineActivationInput) => {
  return new WorkflowResponse(offlineLicenseActivationStep(input))
})
