import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** Removes a deleted draft's stored file from the File Module: the last step, it cannot be undone. */
export const deleteReleaseArtifactStep = createStep("delete-release-artifact", async (fileId: string, { container }) => {
  await container.resolve<IFileModuleService>(Modules.FILE).deleteFiles(fileId)
  return new StepResponse(fileId)
})
