import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RELEASE_MODULE } from "../../modules/release"
import type ReleaseModuleService from "../../modules/release/service"

export type ChangeDraftVersionStepInput = { product_id: string; release_id: string; version?: string; channel?: string }

/** A draft's version and channel (nothing when neither is given); compensation puts the previous ones back. */
export const changeDraftVersionStep = createStep(
  "change-draft-version",
  async (input: ChangeDraftVersionStepInput, { container }) => {
    if (input.version === undefined && input.channel === undefined) {
      return new StepResponse(null, null)
    }
    const releases: ReleaseModuleService = container.resolve(RELEASE_MODULE)
    const { before, after } = await releases.changeDraftVersion(input.product_id, input.release_id, { version: input.version, channel: input.channel })
    const changed = before.version !== after.version || before.channel !== after.channel
    return new StepResponse(after, changed ? { product_id: input.product_id, release_id: input.release_id, version: before.version, channel: before.channel } : null)
  },
  async (undo, { container }) => {
    if (undo) {
      await container.resolve<ReleaseModuleService>(RELEASE_MODULE).changeDraftVersion(undo.product_id, undo.release_id, { version: undo.version, channel: undo.channel })
    }
  }
)
