import type { MedusaContainer, PaymentDTO, UpdatePaymentDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { AxiosInstance, AxiosResponse } from "axios"
import Stripe from "stripe"
import { paymentOf } from "./order-actions"

/**
 * Gives the order's payment a Stripe payment intent id, as Medusa's Stripe provider stores it (the tests cannot reach
 * Stripe; see revocation.spec.ts): the plugin's Stripe webhook finds the order by it. Returns the id.
 */
export async function linkStripePaymentIntent(container: MedusaContainer, orderId: string): Promise<string> {
  const payment = await paymentOf(container, orderId)
  const paymentIntentId = `pi_${orderId}_${Date.now()}`
  const update: UpdatePaymentDTO & Required<Pick<PaymentDTO, "data">> = { id: payment.id, data: { id: paymentIntentId, object: "payment_intent" } }
  await container.resolve(Modules.PAYMENT).updatePayment(update)
  return paymentIntentId
}

let sequence = 0

/**
 * A Stripe event as Stripe sends it to `/hooks/licenses/stripe`: the exact bytes, signed with the stripe library's own
 * test helper and the webhook secret the app was booted with. Each call is a new event id; `deliver` sends it (again).
 */
export function stripeEvent(api: AxiosInstance, secret: string, type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({
    id: `evt_${Date.now()}_${++sequence}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  })
  return {
    deliver: (): Promise<AxiosResponse> =>
      api.post("/hooks/licenses/stripe", payload, {
        headers: { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
        transformRequest: [(data: unknown) => data],
        validateStatus: () => true,
      }),
  }
}

/** A `charge.dispute.*` event's dispute object for a payment intent. */
export const disputeObject = (disputeId: string, paymentIntentId: string, status: string, amount: number) => ({
  id: disputeId,
  object: "dispute",
  amount,
  charge: `ch_${disputeId}`,
  currency: "usd",
  payment_intent: paymentIntentId,
  reason: "fraudulent",
  status,
})

/** A `charge.refunded` event's charge object: the whole amount refunded. */
export const refundedChargeObject = (paymentIntentId: string, amount: number) => ({
  id: `ch_${paymentIntentId}`,
  object: "charge",
  amount,
  amount_refunded: amount,
  currency: "usd",
  payment_intent: paymentIntentId,
  refunded: true,
  status: "succeeded",
})
