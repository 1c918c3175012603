import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LicenseTransferResult } from "../modules/license/service"
import { LicenseEvents } from "../modules/license/types"
import { loadTransferCustomerStep } from "./steps/load-transfer-customer"
import { notifyLicenseTransferredStep } from "./steps/notify-license-transferred"
import { redeemLicenseTransferClaimStep } from "./steps/redeem-license-transfer-claim"
import { licenseTransferredEventData } from "./utils/license-transferred-event"

/** `token_hash`: hashClaimToken(token), so the workflow's input (which Medusa may store) never holds the token. */
export type RedeemLicenseTransferClaimInput = { customer_id: string; token_hash: string }

export const redeemLicenseTransferClaimWorkflowId = "redeem-license-transfer-claim"

/**
 * A logged-in customer redeems a transfer claim (docs/transfers.md): the
 * license moves to them, then `license.transferred` is emitted and both
 * customers are notified, as for every completed transfer. A refused claim
 * (claim_not_found, claim_expired, claim_used, license_not_transferable, ...)
 * is returned as such and changes nothing.
 */
export const redeemLicenseTransferClaimWorkflow = createWorkflow(
  redeemLicenseTransferClaimWorkflowId,
  (input: RedeemLicenseTransferClaimInput) => {
    const customer = loadTransferCustomerStep({ customer_id: input.customer_id })
    const outcome = redeemLicenseTransferClaimStep({ customer, token_hash: input.token_hash })
    when({ outcome }, ({ outcome }) => outcome.type === "redeemed").then(() => {
      const transfer = transform({ outcome }, ({ outcome }) => (outcome as { transfer: LicenseTransferResult }).transfer)
      const event = transform({ transfer }, ({ transfer }) => licenseTransferredEventData(transfer))
      emitEventStep({ eventName: LicenseEvents.TRANSFERRED, data: event }).config({ name: "emit-license-transferred" })
      notifyLicenseTransferredStep(transfer)
    })
    return new WorkflowResponse(outcome)
  }
)
