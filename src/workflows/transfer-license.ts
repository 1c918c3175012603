import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseActorType, LicenseEvents } from "../modules/license/types"
import { approveLicenseTransferWorkflow } from "./approve-license-transfer"
import { completeLicenseTransferStep } from "./steps/complete-license-transfer"
import { createAdminLicenseTransferStep } from "./steps/create-admin-license-transfer"
import { loadTransferCustomerStep } from "./steps/load-transfer-customer"
import { notifyLicenseTransferredStep } from "./steps/notify-license-transferred"
import { licenseTransferredEventData } from "./utils/license-transferred-event"

export type TransferLicenseInput = {
  license_id: string
  /** An e-mail: the transfer goes through a claim link sent there. */
  email?: string
  /** An existing customer picked by the admin: the license moves to them at once. */
  to_customer_id?: string
  /** The admin user making the transfer. */
  actor_id: string
  note?: string | null
}

export const transferLicenseWorkflowId = "transfer-license"

/**
 * An admin's direct transfer (docs/transfers.md), recorded as a request made by
 * the admin. To a customer picked by id: the license moves at once (slots
 * released, events, `license.transferred`, notifications). To an e-mail: the
 * request is approved by the same steps as an owner's request, so the
 * recipient gets a claim link and the license moves when it is redeemed.
 */
export const transferLicenseWorkflow = createWorkflow(transferLicenseWorkflowId, (input: TransferLicenseInput) => {
  const moved = when({ input }, ({ input }) => !!input.to_customer_id).then(() => {
    const recipient = loadTransferCustomerStep({ customer_id: input.to_customer_id! })
    const request = createAdminLicenseTransferStep({
      license_id: input.license_id,
      email: recipient.email,
      actor_id: input.actor_id,
    })
    const actor = transform({ input }, ({ input }) => ({ type: LicenseActorType.ADMIN, id: input.actor_id }))
    const transfer = completeLicenseTransferStep({ request_id: request.id, recipient, actor, note: input.note })
    const event = transform({ transfer }, ({ transfer }) => licenseTransferredEventData(transfer))
    emitEventStep({ eventName: LicenseEvents.TRANSFERRED, data: event }).config({ name: "emit-license-transferred" })
    notifyLicenseTransferredStep(transfer)
    return transfer
  })
  const claimed = when({ input }, ({ input }) => !input.to_customer_id).then(() => {
    const request = createAdminLicenseTransferStep({
      license_id: input.license_id,
      email: input.email!,
      actor_id: input.actor_id,
    }).config({ name: "create-admin-license-transfer-to-email" })
    const approval = transform({ request, input }, ({ request, input }) => ({
      request_id: request.id,
      actor_id: input.actor_id,
      note: input.note ?? null,
    }))
    return approveLicenseTransferWorkflow.runAsStep({ input: approval })
  })
  return new WorkflowResponse({ moved, claimed })
})
