import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentEvents } from "@medusajs/framework/utils"
import { revokeRefundedOrderLicensesWorkflow } from "../workflows/revoke-refunded-order-licenses"

/** A refund made in Medusa (admin "Refund") revokes the order's keys, per the `revokeOn` option. */
export default async function revokeLicensesOnPaymentRefunded({ event, container }: SubscriberArgs<{ id: string }>) {
  await revokeRefundedOrderLicensesWorkflow(container).run({
    input: { payment_id: event.data.id, data: { source: "medusa", payment_id: event.data.id } },
  })
}

export const config: SubscriberConfig = {
  event: PaymentEvents.REFUNDED,
  context: { subscriberId: "license-keys-revoke-on-payment-refunded" },
}
