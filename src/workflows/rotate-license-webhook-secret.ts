import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rotateLicenseWebhookSecretStep } from "./steps/rotate-license-webhook-secret"

export type RotateLicenseWebhookSecretInput = { id: string }

export const rotateLicenseWebhookSecretWorkflowId = "rotate-license-webhook-secret"

/**
 * The admin replaces a webhook endpoint's signing secret (docs/webhooks.md);
 * the new secret is in the result, shown once. Synchronous and not stored,
 * like create-license-webhook.
 */
export const rotateLicenseWebhookSecretWorkflow = createWorkflow(
  rotateLicenseWebhookSecretWorkflowId,
  (input: RotateLicenseWebhookSecretInput) => {
    return new WorkflowResponse(rotateLicenseWebhookSecretStep(input))
  }
)
