import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { LicenseDetailsUpdate } from "../modules/license/service"
import { LicenseActorType, LicenseEvents } from "../modules/license/types"
import { updateLicenseDetailsStep } from "./steps/update-license-details"

export type UpdateLicenseInput = LicenseDetailsUpdate & {
  id: string
  /** The admin user making the change. */
  actor_id: string
}

export const updateLicenseWorkflowId = "update-license"

/**
 * An admin edits a license's expiry (null = lifetime), max activations
 * (0 = unlimited) or notes. Returns the before/after values of what changed.
 */
export const updateLicenseWorkflow = createWorkflow(updateLicenseWorkflowId, (input: UpdateLicenseInput) => {
  const stepInput = transform({ input }, ({ input }) => {
    const { id, actor_id, ...update } = input
    return { id, update, actor: { type: LicenseActorType.ADMIN, id: actor_id } }
  })
  const result = updateLicenseDetailsStep(stepInput)
  // license.updated (webhooks, docs/webhooks.md): only when something changed.
  when({ result }, ({ result }) => Object.keys(result.changes).length > 0).then(() => {
    const event = transform({ result }, ({ result }) => ({ id: result.id, changes: result.changes }))
    emitEventStep({ eventName: LicenseEvents.UPDATED, data: event }).config({ name: "emit-license-updated" })
  })
  return new WorkflowResponse(result)
})
