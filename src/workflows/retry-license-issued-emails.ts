import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type SendLicenseIssuedEmailsInput, sendLicenseIssuedEmailsStep } from "./steps/send-license-issued-emails"

export const retryLicenseIssuedEmailsWorkflowId = "retry-license-issued-emails"

/** The retry job's run: every issuance e-mail whose next attempt is due. */
export const retryLicenseIssuedEmailsWorkflow = createWorkflow(
  retryLicenseIssuedEmailsWorkflowId,
  (input: SendLicenseIssuedEmailsInput) => new WorkflowResponse(sendLicenseIssuedEmailsStep(input))
)
