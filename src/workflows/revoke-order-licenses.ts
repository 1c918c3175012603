import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LicenseEvents, type LicenseActor, SYSTEM_ACTOR } from "../modules/license/types"
import type { RevokeReason } from "../modules/license/service"
import { revokeLicensesStep } from "./steps/revoke-licenses"

export type RevokeOrderLicensesInput = {
  order_id: string
  reason: RevokeReason
  actor?: LicenseActor
  /** Recorded in each license event (e.g. what triggered the revocation). */
  data?: Record<string, unknown>
}

export const revokeOrderLicensesWorkflowId = "revoke-order-licenses"

/**
 * Revokes every key of an order (order.canceled, or an admin action). Keys
 * already revoked are left as they are, so running it again, or after a
 * refund revoked them, writes nothing and emits nothing.
 */
export const revokeOrderLicensesWorkflow = createWorkflow(
  revokeOrderLicensesWorkflowId,
  (input: RevokeOrderLicensesInput) => {
    const revokeInput = transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      reason: input.reason,
      actor: input.actor ?? SYSTEM_ACTOR,
      data: input.data,
    }))
    const revoked = revokeLicensesStep(revokeInput)
    const events = transform({ revoked, input }, ({ revoked, input }) =>
      revoked.map((l) => ({ id: l.id, order_id: l.order_id, reason: input.reason }))
    )
    emitEventStep({ eventName: LicenseEvents.REVOKED, data: events })
    return new WorkflowResponse(revoked)
  }
)
