import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { ClaimedReminder } from "../../modules/license/actions"
import type LicenseModuleService from "../../modules/license/service"

/** The Notification Module template of a renewal reminder (docs/renewals-and-upgrades.md). */
export const RENEWAL_REMINDER_TEMPLATE = "license-renewal-reminder"
/** The storefront page a reminder links to (Account -> Licenses, the license's Renew button). */
export const RENEWAL_PATH = "/account/licenses"

/** The link a reminder carries: the owner's licenses page on the storefront, naming the license. */
export const renewalUrl = (storefrontUrl: string, licenseId: string) =>
  `${storefrontUrl.replace(/\/$/, "")}${RENEWAL_PATH}?renew=${encodeURIComponent(licenseId)}`

/**
 * Sends each claimed reminder to the key's owner through the Notification Module (channel e-mail, template
 * license-renewal-reminder) with a renewal link; the row carries the key's last group only, never the key. Returns
 * the notification id of each.
 */
export const sendLicenseRenewalRemindersStep = createStep(
  "send-license-renewal-reminders",
  async (reminders: ClaimedReminder[], { container }) => {
    if (!reminders.length) {
      return new StepResponse([] as { id: string; notification_id: string | null }[])
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const notifications = container.resolve(Modules.NOTIFICATION)
    const { storefrontUrl } = licenseModule.getOptions().transfers
    const sent: { id: string; notification_id: string | null }[] = []
    // One call per reminder: a reminder sent before (its idempotency key exists) comes back as no notification.
    for (const r of reminders) {
      const [notification] = await notifications.createNotifications([
        {
          to: r.customer_email,
          channel: "email",
          template: RENEWAL_REMINDER_TEMPLATE,
          idempotency_key: `license-renewal-reminder:${r.id}`,
          data: {
            license_id: r.license_id,
            key: `…-${r.key_hint}`,
            product_title: r.product_title,
            variant_title: r.variant_title,
            expires_at: r.expires_at,
            offset_days: r.offset_days,
            renewal_url: renewalUrl(storefrontUrl, r.license_id),
          },
        },
      ])
      sent.push({ id: r.id, notification_id: notification?.id ?? null })
    }
    return new StepResponse(sent)
  }
)
