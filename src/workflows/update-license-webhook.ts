import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  updateLicenseWebhookEndpointStep,
  type UpdateLicenseWebhookEndpointStepInput,
} from "./steps/update-license-webhook-endpoint"

export type UpdateLicenseWebhookInput = UpdateLicenseWebhookEndpointStepInput

export const updateLicenseWebhookWorkflowId = "update-license-webhook"

/** The admin edits a webhook endpoint (docs/webhooks.md); returns it as the admin sees it (never the secret). */
export const updateLicenseWebhookWorkflow = createWorkflow(
  updateLicenseWebhookWorkflowId,
  (input: UpdateLicenseWebhookInput) => {
    return new WorkflowResponse(updateLicenseWebhookEndpointStep(input))
  }
)
