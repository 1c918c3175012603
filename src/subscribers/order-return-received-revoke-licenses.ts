import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { revokeReturnedLicensesWorkflow } from "../workflows/revoke-returned-licenses"

/** A received return revokes the keys of the returned units only. */
export default async function revokeLicensesOnReturnReceived({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await revokeReturnedLicensesWorkflow(container).run({
    input: { order_id: event.data.order_id, return_id: event.data.return_id },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.RETURN_RECEIVED,
  context: { subscriberId: "license-keys-revoke-on-return-received" },
}
