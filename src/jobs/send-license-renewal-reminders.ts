import type { MedusaContainer } from "@medusajs/framework/types"
import type { ClaimedReminder } from "../modules/license/actions"
import { REMINDER_BATCH_SIZE, sendLicenseRenewalRemindersWorkflow } from "../workflows/send-license-renewal-reminders"

/** A run stops after this many batches (2,000,000 reminders at the default size); the next run goes on. */
export const MAX_REMINDER_BATCHES_PER_RUN = 4000

/**
 * Sends every renewal reminder that is due (docs/renewals-and-upgrades.md "Reminders"): one workflow run per batch,
 * until a batch comes back smaller than the batch size. Each batch holds a pool connection for its own statements
 * only, so a run of any size stays within the database pool. `at` (a Date) is the clock in tests, `batchSize` the
 * batch in tests.
 */
export default async function sendLicenseRenewalReminders(container: MedusaContainer, at?: unknown, batchSize = REMINDER_BATCH_SIZE) {
  const now = (at instanceof Date ? at : new Date()).toISOString()
  const sent: ClaimedReminder[] = []
  for (let batch = 0; batch < MAX_REMINDER_BATCHES_PER_RUN; batch++) {
    const { result } = await sendLicenseRenewalRemindersWorkflow(container).run({ input: { now, limit: batchSize } })
    sent.push(...result)
    if (result.length < batchSize) {
      break
    }
  }
  return sent
}

export const config = {
  name: "license-keys-send-renewal-reminders",
  schedule: "17 * * * *",
}
