import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { requireProduct } from "./utils/require-product"
import { rotateProductApiKeyStep } from "./steps/rotate-product-api-key"

export type RotateProductApiKeyInput = { product_id: string }

export const rotateProductApiKeyWorkflowId = "rotate-product-api-key"

/**
 * The admin generates or rotates a product's API key (docs/product-controls.md):
 * 404 for an unknown product; the old key stops working at once; the full new
 * key is in the result only (synchronous, not stored).
 */
export const rotateProductApiKeyWorkflow = createWorkflow(rotateProductApiKeyWorkflowId, (input: RotateProductApiKeyInput) => {
  requireProduct(input.product_id)
  return new WorkflowResponse(rotateProductApiKeyStep(input))
})
