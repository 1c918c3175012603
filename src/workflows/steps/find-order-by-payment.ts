import type { FilterablePaymentProps, FilterablePaymentSessionProps } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type FindOrderByPaymentStepInput = {
  /** Passed through when the caller already knows the order. */
  order_id?: string
  /** A Medusa payment (payment.refunded). */
  payment_id?: string
  /** A Stripe PaymentIntent id (`pi_...`), as stored in the payment's or payment session's `data.id`. */
  payment_intent_id?: string
}

export type FindOrderByPaymentResult = { order_id: string | null; payment_collection_ids: string[] }

/**
 * Finds the order a payment belongs to: payment -> payment collection (payment
 * module) -> order (order <-> payment collection link, through Query). A Stripe
 * PaymentIntent is found by the `data.id` that Medusa's Stripe provider stores
 * on the payment (and on its payment session, for one not authorized yet).
 * Unknown payments give `order_id: null`.
 */
export const findOrderByPaymentStep = createStep(
  "find-order-by-payment",
  async (input: FindOrderByPaymentStepInput, { container }) => {
    if (input.order_id) {
      return new StepResponse<FindOrderByPaymentResult>({ order_id: input.order_id, payment_collection_ids: [] })
    }
    const paymentModule = container.resolve(Modules.PAYMENT)
    const collectionIds = new Set<string>()
    if (input.payment_id) {
      const payments = await paymentModule.listPayments({ id: input.payment_id }, { select: ["id", "payment_collection_id"] })
      payments.forEach((p) => collectionIds.add(p.payment_collection_id))
    }
    if (input.payment_intent_id) {
      // JSON property filters: payment.data->>'id' = the intent id.
      const byData = { data: { id: input.payment_intent_id } }
      const payments = await paymentModule.listPayments(byData as FilterablePaymentProps, {
        select: ["id", "payment_collection_id"],
      })
      payments.forEach((p) => collectionIds.add(p.payment_collection_id))
      if (!collectionIds.size) {
        const sessions = await paymentModule.listPaymentSessions(byData as FilterablePaymentSessionProps, {
          select: ["id", "payment_collection_id"],
        })
        sessions.forEach((s) => collectionIds.add(s.payment_collection_id))
      }
    }
    if (!collectionIds.size) {
      return new StepResponse<FindOrderByPaymentResult>({ order_id: null, payment_collection_ids: [] })
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id", "payment_collection_id"],
      filters: { payment_collection_id: [...collectionIds] },
    })
    const orderIds = [...new Set(links.map((l: { order_id: string }) => l.order_id))]
    if (orderIds.length > 1) {
      throw new Error(`Payment ${input.payment_id ?? input.payment_intent_id} belongs to several orders: ${orderIds.join(", ")}`)
    }
    return new StepResponse<FindOrderByPaymentResult>({
      order_id: orderIds[0] ?? null,
      payment_collection_ids: [...collectionIds],
    })
  }
)
