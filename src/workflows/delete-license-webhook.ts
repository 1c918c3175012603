import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLicenseWebhookEndpointStep } from "./steps/delete-license-webhook-endpoint"

export type DeleteLicenseWebhookInput = { id: string }

export const deleteLicenseWebhookWorkflowId = "delete-license-webhook"

/** The admin deletes a webhook endpoint and its delivery log (docs/webhooks.md). */
export const deleteLicenseWebhookWorkflow = createWorkflow(
  deleteLicenseWebhookWorkflowId,
  (input: DeleteLicenseWebhookInput) => {
    return new WorkflowResponse(deleteLicenseWebhookEndpointStep(input))
  }
)
