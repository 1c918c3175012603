import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markLicenseProductsDeletedStep } from "./steps/mark-license-products-deleted"

export const markLicenseProductsDeletedWorkflowId = "mark-license-products-deleted"

/**
 * Medusa deleted products: the keys of their licenses answer `configuration_error`
 * (`product_deleted`) from now on (docs/verify-api.md "Configuration errors").
 */
export const markLicenseProductsDeletedWorkflow = createWorkflow(
  markLicenseProductsDeletedWorkflowId,
  (input: { product_ids: string[] }) => new WorkflowResponse(markLicenseProductsDeletedStep(input))
)
