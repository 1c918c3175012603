import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * Takes charge of an artifact the route already streamed into the File Module: nothing to do
 * forward; when a later step fails (unknown product, duplicate version), the compensation deletes
 * the file, so a refused upload leaves no orphan behind.
 */
export const adoptReleaseArtifactStep = createStep(
  "adopt-release-artifact",
  async (fileId: string) => new StepResponse(fileId, fileId),
  async (fileId, { container }) => {
    if (fileId) {
      await container.resolve<IFileModuleService>(Modules.FILE).deleteFiles(fileId)
    }
  }
)
