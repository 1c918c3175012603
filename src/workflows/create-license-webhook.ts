import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createLicenseWebhookEndpointStep,
  type CreateLicenseWebhookEndpointStepInput,
} from "./steps/create-license-webhook-endpoint"

export type CreateLicenseWebhookInput = CreateLicenseWebhookEndpointStepInput

export const createLicenseWebhookWorkflowId = "create-license-webhook"

/**
 * The admin registers a webhook endpoint (docs/webhooks.md); the result holds
 * the signing secret, shown once. The workflow is synchronous and not stored
 * (no `store`, no retention), so the secret never reaches the workflow
 * engine's tables.
 */
export const createLicenseWebhookWorkflow = createWorkflow(
  createLicenseWebhookWorkflowId,
  (input: CreateLicenseWebhookInput) => {
    return new WorkflowResponse(createLicenseWebhookEndpointStep(input))
  }
)
