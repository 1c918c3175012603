import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RELEASE_MODULE } from "../../modules/release"
import type ReleaseModuleService from "../../modules/release/service"

export type ChangeReleaseStatusStepInput = { product_id: string; release_id: string; action: "publish" | "yank" }

const UNDO = { publish: "unpublish", yank: "unyank" } as const

/** Publishes or yanks a release (one conditional UPDATE); compensation moves it back. */
export const changeReleaseStatusStep = createStep(
  "change-release-status",
  async (input: ChangeReleaseStatusStepInput, { container }) => {
    const releases: ReleaseModuleService = container.resolve(RELEASE_MODULE)
    const release = await releases.changeReleaseStatus(input.product_id, input.release_id, input.action)
    return new StepResponse(release, input)
  },
  async (input, { container }) => {
    if (input) {
      await container.resolve<ReleaseModuleService>(RELEASE_MODULE).changeReleaseStatus(input.product_id, input.release_id, UNDO[input.action])
    }
  }
)
