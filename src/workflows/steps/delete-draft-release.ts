import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RELEASE_MODULE } from "../../modules/release"
import type ReleaseModuleService from "../../modules/release/service"

export type DeleteDraftReleaseStepInput = { product_id: string; release_id: string }

/** Deletes a draft release (a typed 400 for any other status); compensation restores it. */
export const deleteDraftReleaseStep = createStep(
  "delete-draft-release",
  async (input: DeleteDraftReleaseStepInput, { container }) => {
    const release = await container.resolve<ReleaseModuleService>(RELEASE_MODULE).deleteDraftRelease(input.product_id, input.release_id)
    return new StepResponse(release, release.id)
  },
  async (releaseId, { container }) => {
    if (releaseId) {
      await container.resolve<ReleaseModuleService>(RELEASE_MODULE).restoreDraftRelease(releaseId)
    }
  }
)
