import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { denyLicenseTransferStep, type DenyLicenseTransferStepInput } from "./steps/deny-license-transfer"

export type DenyLicenseTransferInput = DenyLicenseTransferStepInput

export const denyLicenseTransferWorkflowId = "deny-license-transfer"

/** The admin denies a pending transfer request (docs/transfers.md): the license stays with its owner. */
export const denyLicenseTransferWorkflow = createWorkflow(denyLicenseTransferWorkflowId, (input: DenyLicenseTransferInput) => {
  return new WorkflowResponse(denyLicenseTransferStep(input))
})
