import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LicenseEvents, type LicenseActor, SYSTEM_ACTOR } from "../modules/license/types"
import { findOrderByPaymentStep } from "./steps/find-order-by-payment"
import { reinstateLicensesStep } from "./steps/reinstate-licenses"
import type { OrderLicensesChangeResult } from "./suspend-order-licenses"

export type ReinstateOrderLicensesInput = {
  /** The order, or a Stripe PaymentIntent of it (a dispute). */
  order_id?: string
  payment_intent_id?: string
  /** Only keys whose latest suspension event data contains this, e.g. `{ reason: "dispute" }`. */
  suspended_with: Record<string, string>
  /** Why, e.g. `dispute_won`. */
  reason: string
  actor?: LicenseActor
  data?: Record<string, unknown>
}

export const reinstateOrderLicensesWorkflowId = "reinstate-order-licenses"

/**
 * Reinstates the keys of an order that a given suspension (a dispute) suspended:
 * never keys the admin suspended, never revoked keys.
 */
export const reinstateOrderLicensesWorkflow = createWorkflow(
  reinstateOrderLicensesWorkflowId,
  (input: ReinstateOrderLicensesInput) => {
    const found = findOrderByPaymentStep({ order_id: input.order_id, payment_intent_id: input.payment_intent_id })
    const reinstated = when({ found }, ({ found }) => !!found.order_id).then(() => {
      const reinstateInput = transform({ found, input }, ({ found, input }) => ({
        order_id: found.order_id!,
        suspended_with: input.suspended_with,
        reason: input.reason,
        actor: input.actor ?? SYSTEM_ACTOR,
        data: input.data,
      }))
      const reinstated = reinstateLicensesStep(reinstateInput)
      const events = transform({ reinstated, input }, ({ reinstated, input }) =>
        reinstated.map((l) => ({ id: l.id, order_id: l.order_id, reason: input.reason }))
      )
      emitEventStep({ eventName: LicenseEvents.REINSTATED, data: events })
      return reinstated
    })
    const result = transform({ found, reinstated }, ({ found, reinstated }) => ({
      order_id: found.order_id,
      changed: reinstated ?? [],
    }))
    return new WorkflowResponse<OrderLicensesChangeResult>(result)
  }
)
