import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  requeueLicenseWebhookDeliveryStep,
  type RequeueLicenseWebhookDeliveryStepInput,
} from "./steps/requeue-license-webhook-delivery"
import { retrieveLicenseWebhookDeliveryStep } from "./steps/retrieve-license-webhook-delivery"

export type ResendLicenseWebhookDeliveryInput = RequeueLicenseWebhookDeliveryStepInput

export const resendLicenseWebhookDeliveryWorkflowId = "resend-license-webhook-delivery"

/**
 * The admin's Resend of a webhook delivery (docs/webhooks.md): queued again
 * with a fresh cycle of attempts (same event id); returns the delivery as
 * queued. The first attempt is the caller's to start (the route runs
 * send-license-webhooks for it without waiting), so the answer does not wait
 * for the receiver.
 */
export const resendLicenseWebhookDeliveryWorkflow = createWorkflow(
  resendLicenseWebhookDeliveryWorkflowId,
  (input: ResendLicenseWebhookDeliveryInput) => {
    const id = requeueLicenseWebhookDeliveryStep(input)
    const retrieve = transform({ id }, ({ id }) => ({ id }))
    return new WorkflowResponse(retrieveLicenseWebhookDeliveryStep(retrieve))
  }
)
