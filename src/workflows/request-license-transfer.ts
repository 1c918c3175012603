import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { requestLicenseTransferStep, type RequestLicenseTransferStepInput } from "./steps/request-license-transfer"

export type RequestLicenseTransferInput = RequestLicenseTransferStepInput

export const requestLicenseTransferWorkflowId = "request-license-transfer"

/**
 * A customer asks to move their license to another e-mail (docs/transfers.md):
 * the request waits for the store's decision. A refusal is returned as such
 * (the route answers it with its code) and writes nothing.
 */
export const requestLicenseTransferWorkflow = createWorkflow(
  requestLicenseTransferWorkflowId,
  (input: RequestLicenseTransferInput) => {
    return new WorkflowResponse(requestLicenseTransferStep(input))
  }
)
