import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RELEASE_MODULE } from "../../modules/release"
import type { CreateReleaseInput } from "../../modules/release/actions"
import type ReleaseModuleService from "../../modules/release/service"

/** A new draft release (ReleaseModuleService.createRelease); compensation deletes it. */
export const createReleaseStep = createStep(
  "create-release",
  async (input: CreateReleaseInput, { container }) => {
    const releases: ReleaseModuleService = container.resolve(RELEASE_MODULE)
    const release = await releases.createRelease(input)
    return new StepResponse(release, release.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<ReleaseModuleService>(RELEASE_MODULE).deleteReleases(id)
    }
  }
)
