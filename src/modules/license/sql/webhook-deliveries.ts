import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import { pooledQuery } from "../database"

/**
 * The delivery queue's SQL. A delivery row is claimed by one sender at a time:
 * the claim is one UPDATE over the due rows picked with FOR UPDATE SKIP LOCKED,
 * so concurrent senders (server instances, overlapping job runs, the immediate
 * send after an event) each get different rows and none waits for another. The
 * claim leases the row (status `sending`, next_attempt_at = now + lease) and
 * bumps `attempts`, which is the fencing token of the result: a sender whose
 * lease ran out (a crash, a stall) can no longer overwrite a newer attempt.
 */

export type NewDelivery = {
  endpoint_id: string
  event_id: string
  type: string
  license_id: string | null
  payload: Record<string, unknown>
}

/**
 * Queues deliveries, due now (the database's clock, which the claim compares
 * with). An event already queued for an endpoint is not queued twice.
 */
export async function insertDeliveries(db: Knex, deliveries: NewDelivery[]): Promise<string[]> {
  if (!deliveries.length) {
    return []
  }
  const values = deliveries.map(() => "(?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, now(), now(), now())").join(", ")
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `INSERT INTO license_webhook_delivery
       (id, endpoint_id, event_id, type, license_id, payload, status, attempts, next_attempt_at, created_at, updated_at)
     VALUES ${values}
     ON CONFLICT (endpoint_id, event_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    deliveries.flatMap((d) => [
      entityId("lwhd"),
      d.endpoint_id,
      d.event_id,
      d.type,
      d.license_id,
      JSON.stringify(d.payload),
    ])
  )
  return rows.map((r) => r.id)
}

export type ClaimedDelivery = {
  id: string
  endpoint_id: string
  event_id: string
  type: string
  payload: Record<string, unknown>
  attempts: number
  url: string
  secret_encrypted: string
  keyport_compatible: boolean
}

export async function claimDueDeliveries(
  trx: Knex.Transaction,
  { ids, limit, leaseMs }: { ids?: string[] | null; limit: number; leaseMs: number }
): Promise<ClaimedDelivery[]> {
  if (limit <= 0 || (ids && !ids.length)) {
    return []
  }
  const { rows } = await trx.raw<{ rows: ClaimedDelivery[] }>(
    `WITH due AS (
       SELECT d.id
         FROM license_webhook_delivery d
         JOIN license_webhook_endpoint e ON e.id = d.endpoint_id AND e.enabled AND e.deleted_at IS NULL
        WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= now() AND d.deleted_at IS NULL
          ${ids ? "AND d.id = ANY(?::text[])" : ""}
        ORDER BY d.next_attempt_at
        LIMIT ?
          FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE license_webhook_delivery AS d
        SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
            next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
       FROM due, license_webhook_endpoint e
      WHERE d.id = due.id AND e.id = d.endpoint_id
     RETURNING d.id, d.endpoint_id, d.event_id, d.type, d.payload, d.attempts, e.url, e.secret_encrypted, e.keyport_compatible`,
    [...(ids ? [ids] : []), limit, leaseMs / 1000]
  )
  return rows
}

export type AttemptOutcome =
  | { type: "succeeded"; responseCode: number }
  | { type: "retry"; responseCode: number | null; error: string; delayMs: number }
  | { type: "failed"; responseCode: number | null; error: string }

/** Records the result of attempt number `attempt`; false when the claim was lost meanwhile. */
export async function recordAttempt(db: Knex, id: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
  const error = outcome.type === "succeeded" ? null : outcome.error.slice(0, 1000)
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `UPDATE license_webhook_delivery
        SET status = ?, response_code = ?, last_error = ?,
            next_attempt_at = CASE WHEN ?::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => ?::float8) END,
            delivered_at = CASE WHEN ?::boolean THEN now() ELSE NULL END, updated_at = now()
      WHERE id = ? AND status = 'sending' AND attempts = ? AND deleted_at IS NULL
      RETURNING id`,
    [
      outcome.type === "retry" ? "pending" : outcome.type,
      outcome.responseCode,
      error,
      outcome.type === "retry" ? outcome.delayMs / 1000 : null,
      outcome.type === "retry" ? outcome.delayMs / 1000 : null,
      outcome.type === "succeeded",
      id,
      attempt,
    ]
  )
  return rows.length > 0
}

/**
 * Queues a delivery again (the admin's Resend): a fresh cycle of attempts from
 * now. Refused (null) while an attempt is running (status `sending`).
 */
export async function requeueDelivery(db: Knex, endpointId: string, id: string): Promise<{ id: string } | null> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `UPDATE license_webhook_delivery
        SET status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = NULL, updated_at = now()
      WHERE id = ? AND endpoint_id = ? AND deleted_at IS NULL
        AND (status <> 'sending' OR next_attempt_at <= now())
      RETURNING id`,
    [id, endpointId]
  )
  return rows[0] ?? null
}

/** For each event type, whether any enabled endpoint subscribed to it: one statement for many checks. */
export async function endpointsWanting(knex: Knex, types: string[]): Promise<boolean[]> {
  const rows = await pooledQuery<{ i: number; wanted: boolean }>(
    knex,
    "license_webhook_wanted_v2",
    `SELECT t.i::int AS i,
            EXISTS (SELECT 1 FROM license_webhook_endpoint WHERE enabled AND deleted_at IS NULL AND t.type = ANY(events)) AS wanted
       FROM unnest($1::text[]) WITH ORDINALITY AS t(type, i)`,
    [types]
  )
  const wanted = types.map(() => false)
  for (const row of rows) {
    wanted[row.i - 1] = row.wanted === true
  }
  return wanted
}
