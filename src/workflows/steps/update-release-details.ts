import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RELEASE_MODULE } from "../../modules/release"
import type { ReleaseDetails } from "../../modules/release/actions"
import type ReleaseModuleService from "../../modules/release/service"

export type UpdateReleaseDetailsStepInput = { product_id: string; release_id: string; details: ReleaseDetails }

/** Edits a release's changelog, WordPress metadata and required entitlement; compensation puts the previous values back. */
export const updateReleaseDetailsStep = createStep(
  "update-release-details",
  async (input: UpdateReleaseDetailsStepInput, { container }) => {
    const releases: ReleaseModuleService = container.resolve(RELEASE_MODULE)
    const { before, after } = await releases.updateReleaseDetails(input.product_id, input.release_id, input.details)
    const previous = {
      changelog: before.changelog,
      wp_requires: before.wp_requires,
      wp_tested: before.wp_tested,
      wp_requires_php: before.wp_requires_php,
      required_entitlement: before.required_entitlement,
    }
    return new StepResponse(after, { product_id: input.product_id, release_id: input.release_id, previous })
  },
  async (undo, { container }) => {
    if (undo) {
      await container.resolve<ReleaseModuleService>(RELEASE_MODULE).updateReleaseDetails(undo.product_id, undo.release_id, undo.previous)
    }
  }
)
