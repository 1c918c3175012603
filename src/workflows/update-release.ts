import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changeDraftVersionStep } from "./steps/change-draft-version"
import { updateReleaseDetailsStep, type UpdateReleaseDetailsStepInput } from "./steps/update-release-details"

export const updateReleaseWorkflowId = "update-release"

export type UpdateReleaseWorkflowInput = Omit<UpdateReleaseDetailsStepInput, "details"> & {
  details: UpdateReleaseDetailsStepInput["details"] & { version?: string; channel?: string }
}

/** The admin edits a release's changelog or WordPress metadata, and a draft's version and channel. */
export const updateReleaseWorkflow = createWorkflow(updateReleaseWorkflowId, (input: UpdateReleaseWorkflowInput) => {
  const parts = transform({ input }, ({ input }) => {
    const { version, channel, ...details } = input.details
    return { rename: { product_id: input.product_id, release_id: input.release_id, version, channel }, details: { product_id: input.product_id, release_id: input.release_id, details } }
  })
  changeDraftVersionStep(parts.rename)
  return new WorkflowResponse(updateReleaseDetailsStep(parts.details))
})
