import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  type SendLicenseWebhookDeliveriesInput,
  sendLicenseWebhookDeliveriesStep,
} from "./steps/send-license-webhook-deliveries"

export type SendLicenseWebhooksInput = SendLicenseWebhookDeliveriesInput

export const sendLicenseWebhooksWorkflowId = "send-license-webhooks"

/**
 * Sends the due webhook deliveries, or only the given ones when they are due:
 * run right after an event is queued, and by the scheduled job for retries.
 */
export const sendLicenseWebhooksWorkflow = createWorkflow(sendLicenseWebhooksWorkflowId, (input: SendLicenseWebhooksInput) => {
  const summary = sendLicenseWebhookDeliveriesStep(input)
  return new WorkflowResponse(summary)
})
