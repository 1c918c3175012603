import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RevokeReason } from "../modules/license/service"
import { LicenseEvents } from "../modules/license/types"
import { decideRefundRevocationStep } from "./steps/decide-refund-revocation"
import { findOrderByPaymentStep } from "./steps/find-order-by-payment"
import { rollBackLicenseRenewalsStep } from "./steps/roll-back-license-renewals"
import { renewalRolledBackEvents } from "./utils/renewal-rolled-back-event"
import { rollBackOrderUpgrades } from "./utils/roll-back-upgrades"

/**
 * A refund of a renewal order takes back the extensions it bought, by the same rule that revokes keys (the revokeOn
 * option: any refund, or only a full one). Other orders' extensions of the key stay, and the key is not revoked. The
 * order's upgrades go back too (utils/roll-back-upgrades.ts).
 */
export const rollBackRefundedRenewalsWorkflow = createWorkflow(
  "roll-back-refunded-renewals",
  (input: { payment_id: string }) => {
    const found = findOrderByPaymentStep({ payment_id: input.payment_id })
    const decision = decideRefundRevocationStep(transform({ found }, ({ found }) => ({ order_id: found.order_id })))
    const rolledBack = when({ decision }, ({ decision }) => decision.revoke).then(() => {
      const rolledBack = rollBackLicenseRenewalsStep(
        transform({ found }, ({ found }) => ({ order_id: found.order_id, reason: RevokeReason.REFUND }))
      )
      emitEventStep({
        eventName: LicenseEvents.RENEWAL_ROLLED_BACK,
        data: transform({ rolledBack }, ({ rolledBack }) => renewalRolledBackEvents(rolledBack)),
      })
      rollBackOrderUpgrades(transform({ found }, ({ found }) => ({ order_id: found.order_id, reason: RevokeReason.REFUND })))
      return rolledBack
    })
    return new WorkflowResponse(transform({ rolledBack }, ({ rolledBack }) => rolledBack ?? []))
  }
)
