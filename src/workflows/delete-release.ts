import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ReleaseEvents } from "../modules/release/types"
import { deleteDraftReleaseStep, type DeleteDraftReleaseStepInput } from "./steps/delete-draft-release"
import { deleteReleaseArtifactStep } from "./steps/delete-release-artifact"

export const deleteReleaseWorkflowId = "delete-release"

/** The admin deletes a draft and its stored file (release.deleted). Published and yanked releases stay. */
export const deleteReleaseWorkflow = createWorkflow(deleteReleaseWorkflowId, (input: DeleteDraftReleaseStepInput) => {
  const release = deleteDraftReleaseStep(input)
  const fileId = transform({ release }, ({ release }) => release.artifact_file_id)
  deleteReleaseArtifactStep(fileId)
  const event = transform({ release }, ({ release }) => ({
    eventName: ReleaseEvents.DELETED,
    data: { id: release.id, product_id: release.product_id, version: release.version, channel: release.channel },
  }))
  emitEventStep(event).config({ name: "emit-release-deleted" })
  return new WorkflowResponse(release)
})
