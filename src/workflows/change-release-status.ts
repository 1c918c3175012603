import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ReleaseEvents } from "../modules/release/types"
import { changeReleaseStatusStep, type ChangeReleaseStatusStepInput } from "./steps/change-release-status"

export const changeReleaseStatusWorkflowId = "change-release-status"

/** The admin publishes a draft (release.published) or yanks a published release (release.yanked). */
export const changeReleaseStatusWorkflow = createWorkflow(changeReleaseStatusWorkflowId, (input: ChangeReleaseStatusStepInput) => {
  const release = changeReleaseStatusStep(input)
  const event = transform({ release, input }, ({ release, input }) => ({
    eventName: input.action === "publish" ? ReleaseEvents.PUBLISHED : ReleaseEvents.YANKED,
    data: { id: release.id, product_id: release.product_id, version: release.version, channel: release.channel },
  }))
  emitEventStep(event).config({ name: "emit-release-status" })
  return new WorkflowResponse(release)
})
