import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ProductWorkflowEvents } from "@medusajs/framework/utils"
import { markLicenseProductsDeletedWorkflow } from "../workflows/mark-license-products-deleted"

/** A deleted product's keys answer configuration_error / product_deleted (docs/verify-api.md). */
export default async function markLicensesOnProductDeleted({ event, container }: SubscriberArgs<{ id: string }>) {
  await markLicenseProductsDeletedWorkflow(container).run({ input: { product_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: ProductWorkflowEvents.DELETED,
  context: { subscriberId: "license-keys-mark-product-deleted" },
}
