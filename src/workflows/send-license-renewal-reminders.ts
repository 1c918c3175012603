import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents } from "../modules/license/types"
import { claimLicenseRenewalRemindersStep } from "./steps/claim-license-renewal-reminders"
import { markLicenseRenewalRemindersSentStep } from "./steps/mark-license-renewal-reminders-sent"
import { sendLicenseRenewalRemindersStep } from "./steps/send-license-renewal-reminders"

/** Reminders claimed, sent and recorded by one run of the workflow: one batch. */
export const REMINDER_BATCH_SIZE = 500

/** `limit`: the batch size (REMINDER_BATCH_SIZE when absent). */
export type SendLicenseRenewalRemindersInput = { now?: string; limit?: number }

/**
 * Renewal reminders (docs/renewals-and-upgrades.md), one batch: claims up to `limit` reminders that are due (each
 * offset once per license and expiry), sends them in one Notification Module call, records them and emits
 * license.expiring for each. The job runs it until a batch comes back short.
 */
export const sendLicenseRenewalRemindersWorkflow = createWorkflow(
  "send-license-renewal-reminders",
  (input: SendLicenseRenewalRemindersInput) => {
    const claimInput = transform({ input }, ({ input }) => ({ now: input.now ?? new Date().toISOString(), limit: input.limit ?? REMINDER_BATCH_SIZE }))
    const claimed = claimLicenseRenewalRemindersStep(claimInput)
    const sent = sendLicenseRenewalRemindersStep(claimed)
    markLicenseRenewalRemindersSentStep(sent)
    const events = transform({ claimed }, ({ claimed }) =>
      claimed.map((r) => ({ id: r.license_id, reminder_id: r.id, offset_days: r.offset_days, expires_at: r.expires_at }))
    )
    emitEventStep({ eventName: LicenseEvents.EXPIRING, data: events }).config({ name: "emit-license-expiring" })
    return new WorkflowResponse(claimed)
  }
)
