import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { RevokeReason } from "../modules/license/service"
import { revokeOrderLicensesWorkflow } from "../workflows/revoke-order-licenses"

/** Cancelling an order revokes its keys (Medusa refunds it without emitting payment.refunded). */
export default async function revokeLicensesOnOrderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  await revokeOrderLicensesWorkflow(container).run({
    input: { order_id: event.data.id, reason: RevokeReason.CANCELED, data: { source: "medusa" } },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "license-keys-revoke-on-order-canceled" },
}
