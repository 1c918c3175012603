import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { findOrdersMissingLicensesWorkflow } from "../workflows/find-orders-missing-licenses"
import { issueOrderLicensesWorkflow } from "../workflows/issue-order-licenses"

const MINUTE = 60 * 1000
// Orders younger than this are still the order.placed subscriber's to handle.
// LICENSE_RECONCILE_GRACE_SECONDS overrides it (npm run test:cluster uses 10 s
// so the crash-recovery check does not wait two minutes).
const graceSeconds = process.env.LICENSE_RECONCILE_GRACE_SECONDS ? Number(process.env.LICENSE_RECONCILE_GRACE_SECONDS) : NaN
const GRACE_MS = Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds * 1000 : 2 * MINUTE
const WINDOW_MS = 24 * 60 * MINUTE
const BATCH = 200

/**
 * Issues the keys an order is still missing: after a crash between placing an
 * order and issuing its keys, or an event lost by the in-memory event bus.
 * Issuance is idempotent, so running it next to the subscriber is safe.
 */
export default async function reconcileLicenseIssuance(container: MedusaContainer, at?: unknown) {
  // Medusa's job loader calls a job as handler(container, context): only a Date
  // (tests) sets the clock, anything else means now.
  const now = at instanceof Date ? at : new Date()
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result: orderIds } = await findOrdersMissingLicensesWorkflow(container).run({
    input: {
      placed_after: new Date(now.getTime() - WINDOW_MS),
      placed_before: new Date(now.getTime() - GRACE_MS),
      limit: BATCH,
    },
  })
  for (const orderId of orderIds) {
    try {
      await issueOrderLicensesWorkflow(container).run({ input: { order_id: orderId } })
      logger.info(`License keys: issued the missing keys of order ${orderId}`)
    } catch (error) {
      logger.error(`License keys: could not issue the keys of order ${orderId}: ${(error as Error).message}`)
    }
  }
  return orderIds
}

export const config = {
  name: "license-keys-reconcile-issuance",
  schedule: "* * * * *",
}
