import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type RequeueLicenseIssuedEmailInput, requeueLicenseIssuedEmailStep } from "./steps/requeue-license-issued-email"
import { sendLicenseIssuedEmailsStep } from "./steps/send-license-issued-emails"

export const resendLicenseIssuedEmailWorkflowId = "resend-license-issued-email"

/**
 * The admin's "Resend keys": a fresh cycle of attempts for the order's e-mail
 * (sent or failed before), and its first attempt at once. A failed attempt is
 * recorded and retried like any other; the run itself only fails when the
 * order cannot be mailed or an attempt is already under way.
 */
export const resendLicenseIssuedEmailWorkflow = createWorkflow(
  resendLicenseIssuedEmailWorkflowId,
  (input: RequeueLicenseIssuedEmailInput) => {
    const queued = requeueLicenseIssuedEmailStep(input)
    const send = transform({ input, queued }, ({ input, queued }) => ({ order_id: queued.order_id, now: input.now ?? null }))
    const summary = sendLicenseIssuedEmailsStep(send)
    return new WorkflowResponse(summary)
  }
)
