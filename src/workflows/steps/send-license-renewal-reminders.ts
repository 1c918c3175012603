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

/** The notification's idempotency key: a reminder claimed again after a crash is never sent twice. */
export const reminderIdempotencyKey = (reminderId: string) => `license-renewal-reminder:${reminderId}`

/**
 * Sends the claimed reminders (one batch) to the keys' owners through the Notification Module, in one
 * createNotifications call (channel e-mail, template license-renewal-reminder) with a renewal link; the row carries
 * the key's last group only, never the key. Returns the notification id of each: null for a reminder whose
 * idempotency key was used before (Medusa returns only the notifications it created, so they are matched by key).
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
    const created = await notifications.createNotifications(
      reminders.map((r) => ({
        to: r.customer_email,
        channel: "email",
        template: RENEWAL_REMINDER_TEMPLATE,
        idempotency_key: reminderIdempotencyKey(r.id),
        data: {
          license_id: r.license_id,
          key: `…-${r.key_hint}`,
          product_title: r.product_title,
          variant_title: r.variant_title,
          expires_at: r.expires_at,
          offset_days: r.offset_days,
          renewal_url: renewalUrl(storefrontUrl, r.license_id),
        },
      }))
    )
    // The stored column, which the declared NotificationDTO leaves out.
    const idByKey = new Map((created as { id: string; idempotency_key?: string | null }[]).map((n) => [n.idempotency_key, n.id]))
    return new StepResponse(reminders.map((r) => ({ id: r.id, notification_id: idByKey.get(reminderIdempotencyKey(r.id)) ?? null })))
  }
)
