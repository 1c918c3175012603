import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { upgradeOrderLicensesWorkflow } from "../workflows/upgrade-order-licenses"

/** Upgrade lines of a placed order move their keys to the new variant (docs/renewals-and-upgrades.md "Upgrades"). */
export default async function upgradeLicensesOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await upgradeOrderLicensesWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "license-keys-upgrade-on-order-placed" },
}
