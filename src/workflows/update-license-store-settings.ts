import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateLicenseStoreSettingsStep, type UpdateLicenseStoreSettingsStepInput } from "./steps/update-license-store-settings"

export const updateLicenseStoreSettingsWorkflowId = "update-license-store-settings"

/**
 * The admin saves the store-wide licensing settings: the store's own local and staging
 * site patterns (docs/verify-api.md "Local and staging sites").
 */
export const updateLicenseStoreSettingsWorkflow = createWorkflow(
  updateLicenseStoreSettingsWorkflowId,
  (input: UpdateLicenseStoreSettingsStepInput) => new WorkflowResponse(updateLicenseStoreSettingsStep(input))
)
