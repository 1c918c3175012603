import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { LicenseStatusChange } from "../modules/license/service"
import { LicenseEvents, type LicenseActor, SYSTEM_ACTOR } from "../modules/license/types"
import { findOrderByPaymentStep } from "./steps/find-order-by-payment"
import { suspendLicensesStep } from "./steps/suspend-licenses"

export type SuspendOrderLicensesInput = {
  /** The order, or a Stripe PaymentIntent of it (a dispute). */
  order_id?: string
  payment_intent_id?: string
  /** Why, e.g. `dispute`; a later reinstatement matches on it. */
  reason: string
  actor?: LicenseActor
  data?: Record<string, unknown>
}

export type OrderLicensesChangeResult = { order_id: string | null; changed: LicenseStatusChange[] }

export const suspendOrderLicensesWorkflowId = "suspend-order-licenses"

/** Suspends the active keys of an order (a dispute opened). Unknown payments change nothing. */
export const suspendOrderLicensesWorkflow = createWorkflow(
  suspendOrderLicensesWorkflowId,
  (input: SuspendOrderLicensesInput) => {
    const found = findOrderByPaymentStep({ order_id: input.order_id, payment_intent_id: input.payment_intent_id })
    const suspended = when({ found }, ({ found }) => !!found.order_id).then(() => {
      const suspendInput = transform({ found, input }, ({ found, input }) => ({
        order_id: found.order_id!,
        reason: input.reason,
        actor: input.actor ?? SYSTEM_ACTOR,
        data: input.data,
      }))
      const suspended = suspendLicensesStep(suspendInput)
      const events = transform({ suspended, input }, ({ suspended, input }) =>
        suspended.map((l) => ({ id: l.id, order_id: l.order_id, reason: input.reason }))
      )
      emitEventStep({ eventName: LicenseEvents.SUSPENDED, data: events })
      return suspended
    })
    const result = transform({ found, suspended }, ({ found, suspended }) => ({
      order_id: found.order_id,
      changed: suspended ?? [],
    }))
    return new WorkflowResponse<OrderLicensesChangeResult>(result)
  }
)
