import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { RefundAmounts } from "../modules/license/options"
import { type LicenseStatusChange, RevokeReason } from "../modules/license/service"
import { LicenseEvents, SYSTEM_ACTOR } from "../modules/license/types"
import { decideRefundRevocationStep } from "./steps/decide-refund-revocation"
import { findOrderByPaymentStep } from "./steps/find-order-by-payment"
import { revokeLicensesStep } from "./steps/revoke-licenses"

export type RevokeRefundedOrderLicensesInput = {
  /** A refunded Medusa payment (payment.refunded). */
  payment_id?: string
  /** Or a refunded Stripe PaymentIntent (charge.refunded received by /hooks/licenses/stripe). */
  payment_intent_id?: string
  /** For a Stripe charge: its amount and amount_refunded. Otherwise read from the order's payments. */
  amounts?: RefundAmounts
  /** Recorded in each license event. */
  data?: Record<string, unknown>
}

export type RevokeRefundedOrderLicensesResult = {
  order_id: string | null
  revoke: boolean
  revoked: LicenseStatusChange[]
}

export const revokeRefundedOrderLicensesWorkflowId = "revoke-refunded-order-licenses"

/**
 * A refund revokes the keys of the order it refunds: any refund, or only a full
 * one with the option `revokeOn: "full_refund"`. Reason `refund`. Unknown
 * payments, and refunds the option does not count, change nothing.
 */
export const revokeRefundedOrderLicensesWorkflow = createWorkflow(
  revokeRefundedOrderLicensesWorkflowId,
  (input: RevokeRefundedOrderLicensesInput) => {
    const found = findOrderByPaymentStep({ payment_id: input.payment_id, payment_intent_id: input.payment_intent_id })
    const decisionInput = transform({ found, input }, ({ found, input }) => ({
      order_id: found.order_id,
      amounts: input.amounts ?? null,
    }))
    const decision = decideRefundRevocationStep(decisionInput)

    const revoked = when({ decision }, ({ decision }) => decision.revoke).then(() => {
      const revokeInput = transform({ found, input, decision }, ({ found, input, decision }) => ({
        order_id: found.order_id!,
        reason: RevokeReason.REFUND,
        actor: SYSTEM_ACTOR,
        data: { ...(input.data ?? {}), refunded: decision.refunded, paid: decision.paid },
      }))
      const revoked = revokeLicensesStep(revokeInput)
      const events = transform({ revoked }, ({ revoked }) =>
        revoked.map((l) => ({ id: l.id, order_id: l.order_id, reason: RevokeReason.REFUND }))
      )
      emitEventStep({ eventName: LicenseEvents.REVOKED, data: events })
      return revoked
    })

    const result = transform({ found, decision, revoked }, ({ found, decision, revoked }) => ({
      order_id: found.order_id,
      revoke: decision.revoke,
      revoked: revoked ?? [],
    }))
    return new WorkflowResponse<RevokeRefundedOrderLicensesResult>(result)
  }
)
