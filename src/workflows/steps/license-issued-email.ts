import type { FilterableNotificationProps, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../modules/license"
import type { ClaimedNotice, NoticeOutcome } from "../../modules/license/sql/issuance-notices"
import {
  ISSUANCE_NOTICE_MAX_ATTEMPTS,
  issuanceNotificationKey,
  issuanceNotificationKeys,
  issuanceNoticeRetryDelayMs,
} from "../../modules/license/rules/issuance-notice-policy"
import { holdsLicenseKey, redactLicenseKeysDeep, safeErrorMessage } from "../../modules/license/issuance-notice/redact"
import type LicenseModuleService from "../../modules/license/service"
import { licenseNotificationItem } from "../utils/license-notification-item"

/**
 * Sends the e-mail with an order's keys (Medusa's Notification Module) for the
 * attempts it can claim, and records each result in license_issuance_notice.
 *
 * Medusa stores a notification row with its data before it calls the provider,
 * and on a provider error marks it `failure` and throws. Whatever happens, the
 * rows of the order's attempts are rewritten to key hints before the result is
 * recorded; when that rewrite itself fails the attempt is left unrecorded, so
 * its lease runs out and the retry job sends (and rewrites) again: a key never
 * rests in the notification table.
 */

export type IssuedEmailSummary = { claimed: number; sent: number; retrying: number; failed: number }

type NotificationWriter = {
  updateNotifications(data: { id: string; data: Record<string, unknown> }): Promise<unknown>
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

export async function sendLicenseIssuedEmails(
  container: MedusaContainer,
  { orderId = null, now, limit }: { orderId?: string | null; now: Date; limit: number }
): Promise<IssuedEmailSummary> {
  const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const summary: IssuedEmailSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0 }
  const claimed = await licenseModule.claimIssuanceNotices({ orderId, limit, now })
  summary.claimed = claimed.length
  for (const notice of claimed) {
    let outcome: NoticeOutcome
    try {
      outcome = await attempt(container, notice)
      await licenseModule.recordIssuanceNoticeAttempt(notice.id, notice.sends, outcome, now)
    } catch (error) {
      // Unrecorded: the row stays claimed until its lease runs out, then the
      // job tries again (and rewrites any stored key).
      summary.failed++
      logger.error(
        `License keys: the e-mail attempt for order ${notice.order_id} could not finish: ${safeErrorMessage(error)}`
      )
      continue
    }
    if (outcome.type === "sent") {
      summary.sent++
      continue
    }
    summary[outcome.type === "retry" ? "retrying" : "failed"]++
    const next =
      outcome.type === "retry"
        ? `next attempt at ${new Date(now.getTime() + outcome.delayMs).toISOString()}`
        : "no attempt left; resend it from the order page"
    logger.warn(
      `License keys: the e-mail with the keys of order ${notice.order_id} failed (attempt ${notice.attempts} of ${ISSUANCE_NOTICE_MAX_ATTEMPTS}, ${next}): ${outcome.error}`
    )
  }
  return summary
}

async function attempt(container: MedusaContainer, notice: ClaimedNotice): Promise<NoticeOutcome> {
  const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const notificationModule = container.resolve(Modules.NOTIFICATION)
  const failure = (error: unknown): NoticeOutcome =>
    notice.attempts < ISSUANCE_NOTICE_MAX_ATTEMPTS
      ? { type: "retry", error: safeErrorMessage(error), delayMs: issuanceNoticeRetryDelayMs(notice.attempts) }
      : { type: "failed", error: safeErrorMessage(error) }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "email", "display_id"],
    filters: { id: notice.order_id },
  })
  const order = orders[0] as { id: string; email?: string | null; display_id?: number | null } | undefined
  if (!order?.email) {
    return { type: "failed", error: order ? "The order has no e-mail address." : "The order no longer exists." }
  }
  const email = order.email
  // Keys the order's customer still holds: not revoked, not transferred to someone else.
  const licenses = (
    await licenseModule.listLicenses(
      { order_id: order.id },
      { take: null, order: { line_item_id: "ASC", unit_index: "ASC", created_at: "ASC" } }
    )
  ).filter((l) => l.status !== "revoked" && sameEmail(l.customer_email ?? email, email))
  if (!licenses.length) {
    return { type: "failed", error: "The order has no license key to send." }
  }

  const { issuedNotificationTemplate, issuedNotificationChannel } = licenseModule.getOptions()
  const idempotencyKey = issuanceNotificationKey(order.id, notice.sends)
  let outcome: NoticeOutcome
  try {
    const [notification] = await notificationModule.createNotifications([
      {
        to: email,
        channel: issuedNotificationChannel,
        template: issuedNotificationTemplate,
        data: {
          order_id: order.id,
          order_display_id: order.display_id ?? null,
          licenses: licenses.map((l) => licenseNotificationItem(l, licenseModule.revealKey(l))),
        },
        idempotency_key: idempotencyKey,
      },
    ])
    outcome =
      notification && notification.status === "failure"
        ? failure("The notification provider did not accept the e-mail.")
        : { type: "sent", notificationId: notification?.id ?? null }
  } catch (error) {
    outcome = failure(error)
  }
  await scrubOrderNotifications(container, order.id, notice.sends)
  return outcome
}

/** Rewrites every stored notification of the order's attempts that still holds a key to key hints. */
export async function scrubOrderNotifications(container: MedusaContainer, orderId: string, sends: number): Promise<number> {
  const notificationModule = container.resolve(Modules.NOTIFICATION)
  const rows = await notificationModule.listNotifications(
    // The list accepts any column of the notification table; the declared filter type omits this one.
    { idempotency_key: issuanceNotificationKeys(orderId, sends) } as FilterableNotificationProps,
    { take: null, select: ["id", "data"] }
  )
  let scrubbed = 0
  for (const row of rows) {
    if (holdsLicenseKey(row.data)) {
      // updateNotifications is generated by MedusaService but not declared on
      // INotificationModuleService.
      await (notificationModule as unknown as NotificationWriter).updateNotifications({
        id: row.id,
        data: redactLicenseKeysDeep(row.data ?? {}),
      })
      scrubbed++
    }
  }
  return scrubbed
}
