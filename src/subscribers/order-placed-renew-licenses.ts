import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { renewOrderLicensesWorkflow } from "../workflows/renew-order-licenses"

/** Renewal lines of a placed order extend their keys (docs/renewals-and-upgrades.md). */
export default async function renewLicensesOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await renewOrderLicensesWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "license-keys-renew-on-order-placed" },
}
