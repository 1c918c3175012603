import type { IssuanceNoticeRow } from "../../../../../modules/license/sql/issuance-notices"
import { ISSUANCE_NOTICE_MAX_ATTEMPTS } from "../../../../../modules/license/rules/issuance-notice-policy"

const iso = (date: Date | string | null) => (date ? new Date(date).toISOString() : null)

/** The issuance e-mail's state as the admin API shows it (no key: last_error is redacted when stored). */
export function presentIssuanceNotice(notice: IssuanceNoticeRow | null) {
  if (!notice) {
    return null
  }
  return {
    order_id: notice.order_id,
    status: notice.status,
    attempts: notice.attempts,
    max_attempts: ISSUANCE_NOTICE_MAX_ATTEMPTS,
    /** When the next automatic attempt is due; null when none is planned (sent, or no attempt left). */
    next_attempt_at: notice.status === "sent" ? null : iso(notice.next_attempt_at),
    last_attempt_at: iso(notice.last_attempt_at),
    last_error: notice.last_error,
    sent_at: iso(notice.sent_at),
  }
}

export type AdminIssuanceNotice = ReturnType<typeof presentIssuanceNotice>
