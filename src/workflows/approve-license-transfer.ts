import { createCustomersWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseActorType, LicenseEvents } from "../modules/license/types"
import { completeLicenseTransferStep } from "./steps/complete-license-transfer"
import { findTransferRecipientStep } from "./steps/find-transfer-recipient"
import { loadPendingLicenseTransferStep } from "./steps/load-pending-license-transfer"
import { notifyLicenseTransferredStep } from "./steps/notify-license-transferred"

export type ApproveLicenseTransferInput = {
  request_id: string
  /** The admin user deciding. */
  actor_id: string
  note?: string | null
}

export const approveLicenseTransferWorkflowId = "approve-license-transfer"

/**
 * Approves a pending transfer request (docs/transfers.md): the license moves to
 * the customer with the requested e-mail (a guest customer is created through
 * Medusa's createCustomersWorkflow when there is none), its activations are
 * released, `reset`/`transferred` events are written, `license.transferred` is
 * emitted and both customers are notified.
 */
export const approveLicenseTransferWorkflow = createWorkflow(
  approveLicenseTransferWorkflowId,
  (input: ApproveLicenseTransferInput) => {
    const request = loadPendingLicenseTransferStep({ request_id: input.request_id })
    const found = findTransferRecipientStep({ email: request.to_email })
    const created = when({ found }, ({ found }) => !found).then(() => {
      const customersData = transform({ request }, ({ request }) => [{ email: request.to_email, has_account: false }])
      return createCustomersWorkflow.runAsStep({ input: { customersData } })
    })
    const recipient = transform({ found, created, request }, ({ found, created, request }) => {
      const customer = found ?? created?.[0]
      if (!customer) {
        throw new Error(`License keys: no customer for ${request.to_email}`)
      }
      return { id: customer.id, email: customer.email ?? request.to_email }
    })
    const actor = transform({ input }, ({ input }) => ({ type: LicenseActorType.ADMIN, id: input.actor_id }))
    const transfer = completeLicenseTransferStep({ request_id: input.request_id, recipient, actor, note: input.note })
    const event = transform({ transfer }, ({ transfer }) => ({
      id: transfer.license_id,
      transfer_request_id: transfer.transfer_request_id,
      from_customer_id: transfer.from_customer_id,
      to_customer_id: transfer.to_customer_id,
      released: transfer.released,
    }))
    emitEventStep({ eventName: LicenseEvents.TRANSFERRED, data: event }).config({ name: "emit-license-transferred" })
    notifyLicenseTransferredStep(transfer)
    return new WorkflowResponse(transfer)
  }
)
