import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { requireProduct } from "./utils/require-product"
import {
  updateProductLicenseSettingsStep,
  type UpdateProductLicenseSettingsStepInput,
} from "./steps/update-product-license-settings"

export type UpdateProductLicenseSettingsInput = UpdateProductLicenseSettingsStepInput

export const updateProductLicenseSettingsWorkflowId = "update-product-license-settings"

/**
 * The admin saves a product's licensing controls (docs/product-controls.md):
 * 404 for an unknown product, then the save. When it generated the product's
 * first API key, the result holds the full key, shown once; the workflow is
 * synchronous and not stored, so the key never reaches the engine's tables.
 */
export const updateProductLicenseSettingsWorkflow = createWorkflow(
  updateProductLicenseSettingsWorkflowId,
  (input: UpdateProductLicenseSettingsInput) => {
    requireProduct(input.product_id)
    return new WorkflowResponse(updateProductLicenseSettingsStep(input))
  }
)
