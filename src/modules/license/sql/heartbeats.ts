import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { HEARTBEAT_SLACK_SECONDS } from "../rules/heartbeat"

/**
 * The SQL of heartbeats and floating seats (rules/heartbeat.ts). A machine
 * seat of a key with heartbeats on is dead when its last_seen_at is older than
 * 2 x the key's interval + 60 s.
 *
 * Lock order, everywhere a dead seat is freed: the license row first, then the
 * activation rows (SKIP LOCKED), as the deactivation budget does; so the job,
 * the takeover and a deactivate never wait for each other in a cycle.
 */

/** `secs` older than this is dead, for the license aliased `l`. */
const DEAD_BEFORE = (now: string) =>
  `${now} - make_interval(secs => 2 * l.heartbeat_interval_seconds + ${HEARTBEAT_SLACK_SECONDS})`

/**
 * The takeover CTE of the slot statement (sql/activations.ts TAKE_SLOT), after its `locked` CTE (the
 * license row, locked FOR UPDATE: in READ COMMITTED a lock that waited returns the row as committed),
 * with its parameters ($3 identity kind, $4 fingerprint, $7 cap enforced). When a machine that holds
 * no seat (as of the statement's snapshot) arrives at a key with heartbeats on and every seat is held,
 * it frees the longest-dead machine seat (`freed`, released_by heartbeat, with its `deactivated` event). The slot statement then inserts the new machine under
 * `activations_used - freed < max` and counts `+ inserted - freed`, so a takeover keeps the count and
 * the cap exact. For any other caller `freed` is empty and costs one index probe at most.
 */
export const FREE_DEAD_SEAT = `
  freed AS (
    UPDATE license_activation d
       SET released_at = now(), released_by = 'heartbeat', updated_at = now()
     WHERE d.id = (
           SELECT a.id
             FROM license_activation a, locked l
            WHERE $3::text = 'machine' AND $7::boolean AND l.heartbeat_interval_seconds IS NOT NULL
              AND a.license_id = l.id AND a.kind = 'machine' AND a.released_at IS NULL AND a.deleted_at IS NULL
              AND l.max_activations > 0 AND l.activations_used >= l.max_activations
              AND a.last_seen_at < ${DEAD_BEFORE("now()")}
              AND NOT EXISTS (
                SELECT 1 FROM license_activation h
                 WHERE h.license_id = l.id AND h.kind = 'machine' AND h.identifier = $4
                   AND h.released_at IS NULL AND h.deleted_at IS NULL)
            ORDER BY a.last_seen_at, a.id
            LIMIT 1
              FOR UPDATE OF a SKIP LOCKED)
       AND d.released_at IS NULL
    RETURNING d.id, d.identifier, d.last_ip
  )`

/**
 * The `deactivated` event of a seat freed by the takeover (after `counted`,
 * the license's new count; the same count as before: one left, one came).
 */
export const LOG_FREED_SEAT = `
  freed_logged AS (
    INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
    SELECT $10, counted.id, 'deactivated', 'system', NULL,
           jsonb_build_object('kind', 'machine', 'identifier', freed.identifier, 'activation_id', freed.id,
                              'activations_used', counted.activations_used, 'released_by', 'heartbeat',
                              'reason', 'dead_seat_taken', 'taken_by', $4::text),
           now(), now()
      FROM counted, freed
  )`

/** Licenses holding at least one dead machine seat at `now`, at most `limit`. */
export async function licensesWithDeadSeats(knex: Knex, now: Date, limit: number): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { license_id: string }[] }>(
    `SELECT DISTINCT a.license_id
       FROM license_activation a
       JOIN license l ON l.id = a.license_id AND l.deleted_at IS NULL AND l.heartbeat_interval_seconds IS NOT NULL
      WHERE a.kind = 'machine' AND a.released_at IS NULL AND a.deleted_at IS NULL
        AND a.last_seen_at < ${DEAD_BEFORE("?::timestamptz")}
      LIMIT ?`,
    [now.toISOString(), limit]
  )
  return rows.map((r) => r.license_id)
}

/** A seat the job freed, with the license's count after it. */
export type FreedSeat = { activationId: string; identifier: string; lastIp: string | null; activationsUsed: number }

/**
 * Frees the dead machine seats of one license at `now`, in one statement: the
 * license row lock, the seats (SKIP LOCKED: one a concurrent takeover or
 * deactivate holds is left to it), the count and one `deactivated` event per
 * seat (released_by heartbeat, by the system).
 */
export async function releaseDeadSeats(knex: Knex, licenseId: string, now: Date): Promise<FreedSeat[]> {
  const at = now.toISOString()
  const { rows } = await knex.raw(
    `WITH locked AS (
       SELECT id, heartbeat_interval_seconds FROM license
        WHERE id = ? AND deleted_at IS NULL AND heartbeat_interval_seconds IS NOT NULL
          FOR UPDATE
     ), dead AS (
       SELECT a.id FROM license_activation a, locked l
        WHERE a.license_id = l.id AND a.kind = 'machine' AND a.released_at IS NULL AND a.deleted_at IS NULL
          AND a.last_seen_at < ${DEAD_BEFORE("?::timestamptz")}
          FOR UPDATE OF a SKIP LOCKED
     ), released AS (
       UPDATE license_activation d
          SET released_at = now(), released_by = 'heartbeat', updated_at = now()
        WHERE d.id IN (SELECT id FROM dead) AND d.released_at IS NULL
       RETURNING d.id, d.identifier, d.last_ip, d.last_seen_at
     ), counted AS (
       UPDATE license
          SET activations_used = GREATEST(activations_used - (SELECT count(*)::int FROM released), 0), updated_at = now()
        WHERE id IN (SELECT id FROM locked) AND EXISTS (SELECT 1 FROM released)
       RETURNING id, activations_used
     ), logged AS (
       INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
       SELECT 'levt_' || replace(gen_random_uuid()::text, '-', ''), counted.id, 'deactivated', 'system', NULL,
              jsonb_build_object('kind', 'machine', 'identifier', r.identifier, 'activation_id', r.id,
                                 'activations_used', counted.activations_used, 'released_by', 'heartbeat',
                                 'reason', 'no_heartbeat',
                                 'last_seen_at', to_char(r.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
              now(), now()
         FROM counted, released r
     )
     SELECT r.id, r.identifier, r.last_ip, c.activations_used
       FROM released r, counted c`,
    [licenseId, at]
  )
  return rows.map((r: { id: string; identifier: string; last_ip: string | null; activations_used: number }) => ({
    activationId: r.id,
    identifier: r.identifier,
    lastIp: r.last_ip,
    activationsUsed: r.activations_used,
  }))
}
