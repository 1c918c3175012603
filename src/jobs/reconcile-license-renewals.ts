import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { findOrdersMissingRenewalsWorkflow } from "../workflows/find-orders-missing-renewals"
import { renewOrderLicensesWorkflow } from "../workflows/renew-order-licenses"
import { upgradeOrderLicensesWorkflow } from "../workflows/upgrade-order-licenses"

const MINUTE = 60 * 1000
// Orders younger than this are still the order.placed subscriber's to handle.
const GRACE_MS = 2 * MINUTE
// Every run looks back a day: a renewal that failed is retried for a day.
const WINDOW_MS = 24 * 60 * MINUTE

/**
 * Applies the renewals and upgrades a placed order still owes (docs/renewals-and-upgrades.md): after a crash between
 * placing the order and changing the key, or an event the in-memory bus lost. Both are once per line item, so running
 * next to the subscribers, or on several instances, is safe.
 */
export default async function reconcileLicenseRenewals(container: MedusaContainer, at?: unknown) {
  const now = at instanceof Date ? at : new Date()
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result: orderIds } = await findOrdersMissingRenewalsWorkflow(container).run({
    input: { placed_after: new Date(now.getTime() - WINDOW_MS), placed_before: new Date(now.getTime() - GRACE_MS), page_size: 200 },
  })
  for (const orderId of orderIds) {
    try {
      await renewOrderLicensesWorkflow(container).run({ input: { order_id: orderId } })
      await upgradeOrderLicensesWorkflow(container).run({ input: { order_id: orderId } })
      logger.info(`License keys: applied the missing renewals and upgrades of order ${orderId}`)
    } catch (error) {
      logger.error(`License keys: could not apply the renewals and upgrades of order ${orderId}: ${(error as Error).message}`)
    }
  }
  return orderIds
}

export const config = {
  name: "license-keys-reconcile-renewals",
  schedule: "* * * * *",
}
