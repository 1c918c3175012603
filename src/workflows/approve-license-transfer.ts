import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ClaimEvents } from "../modules/license/rules/claim-codes"
import { loadPendingLicenseTransferStep } from "./steps/load-pending-license-transfer"
import { sendLicenseTransferClaimStep } from "./steps/send-license-transfer-claim"

export type ApproveLicenseTransferInput = {
  request_id: string
  /** The admin user deciding. */
  actor_id: string
  note?: string | null
}

export const approveLicenseTransferWorkflowId = "approve-license-transfer"

/**
 * Approves a pending transfer request (docs/transfers.md). The license does not
 * move: the request becomes `awaiting_claim` and the recipient's e-mail gets a
 * one-time claim link; the license moves when a logged-in customer redeems it
 * (redeemLicenseTransferClaimWorkflow). Until then the owner keeps it.
 */
export const approveLicenseTransferWorkflow = createWorkflow(
  approveLicenseTransferWorkflowId,
  (input: ApproveLicenseTransferInput) => {
    loadPendingLicenseTransferStep({ request_id: input.request_id })
    const sent = sendLicenseTransferClaimStep({ request_id: input.request_id, actor_id: input.actor_id, note: input.note })
    const event = transform({ sent }, ({ sent }) => ({
      id: sent.request.license_id,
      transfer_request_id: sent.request.id,
      claim_id: sent.claim.id,
      expires_at: sent.claim.expires_at,
    }))
    emitEventStep({ eventName: ClaimEvents.SENT, data: event }).config({ name: "emit-license-transfer-claim-sent" })
    return new WorkflowResponse(sent)
  }
)
