import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type EnqueueLicenseWebhookEventInput, enqueueLicenseWebhookEventStep } from "./steps/enqueue-license-webhook-event"

export type EnqueueLicenseWebhooksInput = EnqueueLicenseWebhookEventInput

export const enqueueLicenseWebhooksWorkflowId = "enqueue-license-webhooks"

/** Queues one license event for the webhook endpoints that subscribed to it (docs/webhooks.md). */
export const enqueueLicenseWebhooksWorkflow = createWorkflow(
  enqueueLicenseWebhooksWorkflowId,
  (input: EnqueueLicenseWebhooksInput) => {
    const ids = enqueueLicenseWebhookEventStep(input)
    return new WorkflowResponse(ids)
  }
)
