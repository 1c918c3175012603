import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { withdrawLicenseTransferStep, type WithdrawLicenseTransferStepInput } from "./steps/withdraw-license-transfer"

export type WithdrawLicenseTransferInput = WithdrawLicenseTransferStepInput

export const withdrawLicenseTransferWorkflowId = "withdraw-license-transfer"

/** A customer withdraws their pending transfer request (docs/transfers.md); a refusal is returned as such. */
export const withdrawLicenseTransferWorkflow = createWorkflow(
  withdrawLicenseTransferWorkflowId,
  (input: WithdrawLicenseTransferInput) => {
    return new WorkflowResponse(withdrawLicenseTransferStep(input))
  }
)
