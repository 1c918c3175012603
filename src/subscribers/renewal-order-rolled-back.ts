import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents, PaymentEvents } from "@medusajs/framework/utils"
import { RevokeReason } from "../modules/license/service"
import { rollBackOrderRenewalsWorkflow } from "../workflows/roll-back-order-renewals"
import { rollBackRefundedRenewalsWorkflow } from "../workflows/roll-back-refunded-renewals"
import { rollBackReturnedRenewalsWorkflow } from "../workflows/roll-back-returned-renewals"

type Data = { id?: string; order_id?: string; return_id?: string }

/**
 * A refund, cancellation or received return of a renewal order takes back the extensions it bought
 * (docs/renewals-and-upgrades.md). The key's own revocation is the revoke-on-* subscribers' (only a refund of the
 * order that bought the key revokes it).
 */
export default async function rollBackRenewalsOfOrder({ event, container }: SubscriberArgs<Data>) {
  if (event.name === PaymentEvents.REFUNDED && event.data.id) {
    await rollBackRefundedRenewalsWorkflow(container).run({ input: { payment_id: event.data.id } })
  } else if (event.name === OrderWorkflowEvents.CANCELED && event.data.id) {
    await rollBackOrderRenewalsWorkflow(container).run({ input: { order_id: event.data.id, reason: RevokeReason.CANCELED } })
  } else if (event.name === OrderWorkflowEvents.RETURN_RECEIVED && event.data.order_id) {
    await rollBackReturnedRenewalsWorkflow(container).run({ input: { order_id: event.data.order_id } })
  }
}

export const config: SubscriberConfig = {
  event: [PaymentEvents.REFUNDED, OrderWorkflowEvents.CANCELED, OrderWorkflowEvents.RETURN_RECEIVED],
  context: { subscriberId: "license-keys-roll-back-renewals" },
}
