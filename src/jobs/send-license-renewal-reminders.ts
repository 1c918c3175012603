import type { MedusaContainer } from "@medusajs/framework/types"
import { sendLicenseRenewalRemindersWorkflow } from "../workflows/send-license-renewal-reminders"

/** Sends the renewal reminders that are due (docs/renewals-and-upgrades.md); `at` (a Date) is the clock in tests. */
export default async function sendLicenseRenewalReminders(container: MedusaContainer, at?: unknown) {
  const now = at instanceof Date ? at : new Date()
  const { result } = await sendLicenseRenewalRemindersWorkflow(container).run({ input: { now: now.toISOString() } })
  return result
}

export const config = {
  name: "license-keys-send-renewal-reminders",
  schedule: "17 * * * *",
}
