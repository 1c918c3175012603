import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateReleaseDetailsStep, type UpdateReleaseDetailsStepInput } from "./steps/update-release-details"

export const updateReleaseWorkflowId = "update-release"

/** The admin edits a release's changelog or WordPress metadata. */
export const updateReleaseWorkflow = createWorkflow(updateReleaseWorkflowId, (input: UpdateReleaseDetailsStepInput) => {
  return new WorkflowResponse(updateReleaseDetailsStep(input))
})
