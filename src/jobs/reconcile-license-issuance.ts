import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"
import { findOrdersMissingLicensesWorkflow } from "../workflows/find-orders-missing-licenses"
import { issueOrderLicensesWorkflow } from "../workflows/issue-order-licenses"

const MINUTE = 60 * 1000
// Orders younger than this are still the order.placed subscriber's to handle.
// LICENSE_RECONCILE_GRACE_SECONDS overrides it (npm run test:cluster uses 10 s
// so the crash-recovery check does not wait two minutes).
const graceSeconds = process.env.LICENSE_RECONCILE_GRACE_SECONDS ? Number(process.env.LICENSE_RECONCILE_GRACE_SECONDS) : NaN
const GRACE_MS = Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds * 1000 : 2 * MINUTE
// Every run looks back at least this far (an order whose issuance failed is
// retried for a day); after an outage, back to where the last complete run ended.
const WINDOW_MS = 24 * 60 * MINUTE
const PAGE_SIZE = 200
const CURSOR = "reconcile-license-issuance"

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
  const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const placedBefore = new Date(now.getTime() - GRACE_MS)
  const cursor = await licenseModule.readJobCursor(CURSOR)
  const dayAgo = new Date(now.getTime() - WINDOW_MS)
  const placedAfter = cursor && cursor < dayAgo ? cursor : dayAgo
  const { result: orderIds } = await findOrdersMissingLicensesWorkflow(container).run({
    input: { placed_after: placedAfter, placed_before: placedBefore, page_size: PAGE_SIZE },
  })
  let failed = 0
  for (const orderId of orderIds) {
    try {
      await issueOrderLicensesWorkflow(container).run({ input: { order_id: orderId } })
      logger.info(`License keys: issued the missing keys of order ${orderId}`)
    } catch (error) {
      failed++
      logger.error(`License keys: could not issue the keys of order ${orderId}: ${(error as Error).message}`)
    }
  }
  // A run with failures keeps the cursor, so its failed orders stay in the next run's window.
  if (!failed) {
    await licenseModule.advanceJobCursor(CURSOR, placedBefore)
  }
  return orderIds
}

export const config = {
  name: "license-keys-reconcile-issuance",
  schedule: "* * * * *",
}
