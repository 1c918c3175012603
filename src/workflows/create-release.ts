import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { CreateReleaseInput } from "../modules/release/actions"
import { ReleaseEvents } from "../modules/release/types"
import { adoptReleaseArtifactStep } from "./steps/adopt-release-artifact"
import { createReleaseStep } from "./steps/create-release"
import { requireProduct } from "./utils/require-product"

export const createReleaseWorkflowId = "create-release"

/**
 * The admin uploads a release (docs/software-delivery.md): the route has streamed the artifact
 * into the File Module; this makes the draft release, or deletes the file again when the product
 * is unknown (404) or the version exists on that channel (400 release_version_exists).
 */
export const createReleaseWorkflow = createWorkflow(createReleaseWorkflowId, (input: CreateReleaseInput) => {
  adoptReleaseArtifactStep(input.artifact.file_id)
  requireProduct(input.product_id)
  const release = createReleaseStep(input)
  const event = transform({ release }, ({ release }) => ({ id: release.id, product_id: release.product_id, version: release.version }))
  emitEventStep({ eventName: ReleaseEvents.CREATED, data: event }).config({ name: "emit-release-created" })
  return new WorkflowResponse(release)
})
