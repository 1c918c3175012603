import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents } from "../modules/license/types"
import { claimLicenseRenewalRemindersStep } from "./steps/claim-license-renewal-reminders"
import { markLicenseRenewalRemindersSentStep } from "./steps/mark-license-renewal-reminders-sent"
import { sendLicenseRenewalRemindersStep } from "./steps/send-license-renewal-reminders"

export type SendLicenseRenewalRemindersInput = { now?: string; limit?: number }

/**
 * Renewal reminders (docs/renewals-and-upgrades.md): claims what is due (each offset once per license and expiry),
 * sends the notifications, records them and emits license.expiring for each.
 */
export const sendLicenseRenewalRemindersWorkflow = createWorkflow(
  "send-license-renewal-reminders",
  (input: SendLicenseRenewalRemindersInput) => {
    const claimInput = transform({ input }, ({ input }) => ({ now: input.now ?? new Date().toISOString(), limit: input.limit ?? 200 }))
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
