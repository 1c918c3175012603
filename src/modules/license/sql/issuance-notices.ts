import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import { ISSUANCE_NOTICE_MAX_ATTEMPTS } from "../rules/issuance-notice-policy"

/**
 * SQL of the issuance e-mail state (license_issuance_notice). An attempt is
 * claimed by one UPDATE over rows picked with FOR UPDATE SKIP LOCKED: status
 * `sending` with a lease, attempts + 1 and sends + 1. `sends` is the fencing
 * token: only the sender holding the current one may record the result, so
 * two instances (or a stalled sender whose lease ran out) never both count.
 * Every time is passed in (`now`), so the job can run at an injected clock.
 */

export type IssuanceNoticeRow = {
  id: string
  order_id: string
  status: "pending" | "sending" | "sent" | "failed"
  attempts: number
  sends: number
  next_attempt_at: Date | null
  lease_until: Date | null
  last_attempt_at: Date | null
  last_error: string | null
  sent_at: Date | null
  notification_id: string | null
}

const COLUMNS = `id, order_id, status, attempts, sends, next_attempt_at, lease_until, last_attempt_at, last_error, sent_at, notification_id`

/** Records that an order's keys must be e-mailed, due at `now`. An order already recorded is left as it is. */
export async function queueNotice(db: Knex, orderId: string, now: Date): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `INSERT INTO license_issuance_notice (id, order_id, status, attempts, sends, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'pending', 0, 0, ?, now(), now())
     ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [entityId("lisn"), orderId, now]
  )
  return rows.length > 0
}

export type ClaimedNotice = Pick<IssuanceNoticeRow, "id" | "order_id" | "attempts" | "sends">

/**
 * Claims due attempts (only the given order's, when orderId is set): pending
 * or failed rows whose next attempt is due, and rows whose sender's lease ran
 * out, all with attempts left.
 */
export async function claimNotices(
  trx: Knex.Transaction,
  { orderId, limit, now, leaseMs }: { orderId?: string | null; limit: number; now: Date; leaseMs: number }
): Promise<ClaimedNotice[]> {
  const { rows } = await trx.raw<{ rows: ClaimedNotice[] }>(
    `WITH due AS (
       SELECT id FROM license_issuance_notice
        WHERE deleted_at IS NULL AND attempts < ?
          AND ((status IN ('pending', 'failed') AND next_attempt_at <= ?)
               OR (status = 'sending' AND lease_until <= ?))
          ${orderId ? "AND order_id = ?" : ""}
        ORDER BY next_attempt_at NULLS FIRST
        LIMIT ?
          FOR UPDATE SKIP LOCKED
     )
     UPDATE license_issuance_notice AS n
        SET status = 'sending', attempts = n.attempts + 1, sends = n.sends + 1,
            lease_until = ?::timestamptz + make_interval(secs => ?), last_attempt_at = ?, updated_at = now()
       FROM due
      WHERE n.id = due.id
     RETURNING n.id, n.order_id, n.attempts, n.sends`,
    [ISSUANCE_NOTICE_MAX_ATTEMPTS, now, now, ...(orderId ? [orderId] : []), limit, now, leaseMs / 1000, now]
  )
  return rows
}

/**
 * Rows whose last attempt was interrupted (lease over) with no attempt left:
 * failed for good, so the admin sees it and can resend.
 */
export async function failAbandonedNotices(db: Knex, now: Date): Promise<number> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `UPDATE license_issuance_notice
        SET status = 'failed', next_attempt_at = NULL, lease_until = NULL, updated_at = now(),
            last_error = COALESCE(last_error, 'The last attempt was interrupted before it finished.')
      WHERE deleted_at IS NULL AND status = 'sending' AND lease_until <= ? AND attempts >= ?
     RETURNING id`,
    [now, ISSUANCE_NOTICE_MAX_ATTEMPTS]
  )
  return rows.length
}

export type NoticeOutcome =
  | { type: "sent"; notificationId: string | null }
  | { type: "retry"; error: string; delayMs: number }
  | { type: "failed"; error: string }

/** Records the result of send number `sends`; false when the claim was lost meanwhile. */
export async function recordNoticeAttempt(
  db: Knex,
  id: string,
  sends: number,
  outcome: NoticeOutcome,
  now: Date
): Promise<boolean> {
  const sent = outcome.type === "sent"
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `UPDATE license_issuance_notice
        SET status = ?, lease_until = NULL, updated_at = now(),
            next_attempt_at = CASE WHEN ?::float8 IS NULL THEN NULL ELSE ?::timestamptz + make_interval(secs => ?::float8) END,
            last_error = ?, sent_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE sent_at END,
            notification_id = COALESCE(?, notification_id)
      WHERE id = ? AND status = 'sending' AND sends = ? AND deleted_at IS NULL
     RETURNING id`,
    [
      sent ? "sent" : "failed",
      outcome.type === "retry" ? outcome.delayMs / 1000 : null,
      now,
      outcome.type === "retry" ? outcome.delayMs / 1000 : null,
      sent ? null : outcome.error,
      sent,
      now,
      sent ? outcome.notificationId : null,
      id,
      sends,
    ]
  )
  return rows.length > 0
}

/** The order's row, locked (inside a transaction) or not. */
export async function findNotice(db: Knex, orderId: string, { lock = false } = {}): Promise<IssuanceNoticeRow | null> {
  const { rows } = await db.raw<{ rows: IssuanceNoticeRow[] }>(
    `SELECT ${COLUMNS} FROM license_issuance_notice WHERE order_id = ? AND deleted_at IS NULL ${lock ? "FOR UPDATE" : ""}`,
    [orderId]
  )
  return rows[0] ?? null
}

export type RequeueResult =
  | { type: "queued"; previous: IssuanceNoticeRow | null; notice: IssuanceNoticeRow }
  | { type: "sending"; notice: IssuanceNoticeRow }

/**
 * The admin's Resend: a fresh cycle of attempts, due at `now` (a row is created
 * for an order that has none). Refused while an attempt holds the row.
 * Returns the previous state, which the workflow's compensation restores.
 */
export async function requeueNotice(trx: Knex.Transaction, orderId: string, now: Date): Promise<RequeueResult> {
  const created = await queueNotice(trx, orderId, now)
  const previous = await findNotice(trx, orderId, { lock: true })
  if (!previous) {
    throw new Error(`License module: the e-mail state of order ${orderId} could not be created.`)
  }
  if (previous.status === "sending" && previous.lease_until && new Date(previous.lease_until) > now) {
    return { type: "sending", notice: previous }
  }
  const { rows } = await trx.raw<{ rows: IssuanceNoticeRow[] }>(
    `UPDATE license_issuance_notice
        SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, updated_at = now()
      WHERE id = ?
     RETURNING ${COLUMNS}`,
    [now, previous.id]
  )
  return { type: "queued", previous: created ? null : previous, notice: rows[0] }
}

/** Puts a row back as it was before a requeue (compensation); deletes one the requeue created. */
export async function restoreNotice(db: Knex, orderId: string, previous: IssuanceNoticeRow | null): Promise<void> {
  if (!previous) {
    await db.raw(
      `DELETE FROM license_issuance_notice WHERE order_id = ? AND sends = 0 AND status = 'pending' AND deleted_at IS NULL`,
      [orderId]
    )
    return
  }
  await db.raw(
    `UPDATE license_issuance_notice
        SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = ?, updated_at = now()
      WHERE id = ? AND status = 'pending' AND sends = ?`,
    [previous.status, previous.attempts, previous.next_attempt_at, previous.lease_until, previous.id, previous.sends]
  )
}

/** Marks lease-expired rows without attempts left failed, then claims due attempts (one transaction). */
export async function claimDueNotices(
  trx: Knex.Transaction,
  options: Parameters<typeof claimNotices>[1]
): Promise<ClaimedNotice[]> {
  await failAbandonedNotices(trx, options.now)
  return await claimNotices(trx, options)
}
