import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { issueOrderLicensesWorkflow } from "../workflows/issue-order-licenses"

export default async function issueLicensesOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await issueOrderLicensesWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "license-keys-issue-on-order-placed" },
}
