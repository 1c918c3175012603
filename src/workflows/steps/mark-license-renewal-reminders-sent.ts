import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

/** Records that the reminders went out (the generated updateLicenseRenewalReminders). */
export const markLicenseRenewalRemindersSentStep = createStep(
  "mark-license-renewal-reminders-sent",
  async (sent: { id: string; notification_id: string | null }[], { container }) => {
    if (sent.length) {
      const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
      const sentAt = new Date()
      await licenseModule.updateLicenseRenewalReminders(sent.map((s) => ({ id: s.id, notification_id: s.notification_id, sent_at: sentAt })))
    }
    return new StepResponse(sent.length)
  }
)
