import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { ReleasedBy } from "../rules/deactivation-budget"
import { FREE_DEAD_SEAT, LOG_FREED_SEAT } from "./heartbeats"
import type { VerifyIdentity } from "../rules/identity"
import type { LastSeenEntry, VerifyLicenseRow, VerifyLookup } from "../rules/verify-rows"
import { pooledQuery } from "../database"

/**
 * The SQL of the Verify API. Activation counting lives in PostgreSQL, so it is
 * exact across any number of server processes: no in-process lock is involved.
 */

type Db = Knex | Knex.Transaction

/**
 * The hot path, for a batch of concurrent verifies: for each (key hash,
 * identity) the license and the slot that identity holds, one indexed lookup
 * per element (LATERAL ... LIMIT 1 on the unique key_hash index and the unique
 * held-identity index), with the product's controls and the license's
 * overrides (unique product_id index). Every verify is answered by this one
 * query; under load the verifies that arrive in the same event-loop turn share it.
 */
const FIND_LICENSES_FOR_VERIFY = `
  SELECT q.i::int AS i, x.*
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(kind, identifier, key_hash, i)
    JOIN LATERAL (
      SELECT l.id, l.status, l.expires_at, l.max_activations, l.activations_used,
             l.product_id, l.variant_id, l.product_title, l.variant_title,
             a.id AS activation_id, a.last_seen_at, l.expiry_strategy, l.grace_ends_at, l.local_sites_free, l.entitlements, l.suspension,
             l.heartbeat_interval_seconds,
             l.version_mode AS license_version_mode, l.version_pinned AS license_version_pinned,
             l.version_range AS license_version_range, l.custom_data AS license_custom_data,
             l.blocked_domains AS license_blocked_domains, l.blocked_ips AS license_blocked_ips,
             s.require_api_key, s.api_key_hash, s.enforce_activation_limit, s.enforce_expiry, s.sign_answers,
             s.version_mode AS product_version_mode, s.version_pinned AS product_version_pinned,
             s.version_range AS product_version_range, s.custom_data AS product_custom_data,
             s.archived_at AS product_archived_at, s.blocked_domains AS product_blocked_domains,
             s.blocked_ips AS product_blocked_ips, s.product_deleted_at, s.ip_enforcement, s.daily_verify_quota
        FROM license l
        LEFT JOIN license_activation a
          ON a.license_id = l.id AND a.kind = q.kind AND a.identifier = q.identifier
         AND a.released_at IS NULL AND a.deleted_at IS NULL
        LEFT JOIN license_product_setting s
          ON s.product_id = l.product_id AND s.deleted_at IS NULL
       WHERE l.key_hash = q.key_hash AND l.deleted_at IS NULL
       LIMIT 1
    ) x ON true`


/**
 * Runs the lookup as a named prepared statement on a connection of knex's
 * pool, so PostgreSQL parses and plans it once per connection, not per verify.
 * Answers in the order of `lookups`; null where no license has the key.
 */
export async function findLicensesForVerify(knex: Knex, lookups: VerifyLookup[]): Promise<(VerifyLicenseRow | null)[]> {
  const rows = await pooledQuery<VerifyLicenseRow & { i: number }>(knex, "license_verify_lookup_v7", FIND_LICENSES_FOR_VERIFY, [
    lookups.map((l) => l.identity.kind),
    lookups.map((l) => l.identity.value),
    lookups.map((l) => l.keyHash),
  ])
  const answers: (VerifyLicenseRow | null)[] = lookups.map(() => null)
  for (const { i, ...row } of rows) {
    answers[i - 1] = row
  }
  return answers
}

/** A dead machine's seat a new machine took over in the slot statement (sql/heartbeats.ts). */
export type FreedSeatOnTake = { activationId: string; identifier: string; lastIp: string | null }

type LicenseState = Pick<VerifyLicenseRow, "status" | "expires_at" | "grace_ends_at" | "max_activations" | "activations_used">

export type TakeSlotResult =
  /** This call took a new slot; `freed`: the dead machine seat it took over (rules/heartbeat.ts), if any. */
  | { outcome: "taken"; activationId: string; activationsUsed: number; freed: FreedSeatOnTake | null } & Pick<LicenseState, "expires_at" | "grace_ends_at">
  /**
   * No new slot: "held" when a concurrent call for the same identity took it
   * first, "refused" when the cap is reached or the license changed meanwhile.
   * `license` is its state as of now.
   */
  | { outcome: "held" | "refused"; license: LicenseState; freed: FreedSeatOnTake | null }

/**
 * Records the activation, counts its slot and writes its `activated` event: one
 * statement, run on its own (autocommit, one round trip) by takeActivationSlot.
 * - `locked` locks the license row FOR UPDATE while the license is active, not
 *   expired and its product not archived (expiry unless the product turned its
 *   enforcement off: $8). "Not expired" includes a key in its grace period and
 *   any key whose strategy is maintain_access (rules/expiry.ts). A concurrent
 *   taker waits for the lock, and in READ COMMITTED a lock that waited returns
 *   the row as committed (its new count, its new status).
 * - A machine arriving at a key with heartbeats on, when every seat is held,
 *   first frees the longest-dead machine seat (FREE_DEAD_SEAT, sql/heartbeats.ts).
 * - `inserted` inserts the activation only under the cap, read from the locked
 *   row ($7: unless the product turned the cap off), so N concurrent callers
 *   against a cap M get exactly M rows. The unique partial index on held
 *   (license, kind, identifier) turns a concurrent duplicate of the same
 *   identity into DO NOTHING (it sees the committed row, whatever the
 *   statement's snapshot), and then nothing is counted.
 * - `counted` counts what happened: + the inserted row - the freed seat, on the
 *   row this statement holds locked; so there is nothing to roll back and no
 *   transaction block. The same UPDATE starts the term of a key whose expiry
 *   counts from its first activation (activation_term_days set, expires_at
 *   unset): expires_at = now() + the term, exactly once, because a later taker
 *   waits for the lock and then sees expires_at set and activation_term_days
 *   cleared. The grace_ends_at trigger follows expires_at.
 * - A duplicate that raced a first verify of the same machine may still free a
 *   dead seat (counted, logged and emitted): the release job would have freed
 *   it within a minute (docs/verify-api.md "Heartbeats and floating seats").
 */
const TAKE_SLOT = `
  WITH locked AS (
    SELECT id, activations_used, max_activations, heartbeat_interval_seconds
      FROM license
     WHERE id = $1 AND deleted_at IS NULL AND status = 'active'
       AND (NOT $8::boolean OR expires_at IS NULL OR expires_at > now() OR grace_ends_at > now()
            OR expiry_strategy = 'maintain_access')
       AND NOT EXISTS (
         SELECT 1 FROM license_product_setting s
          WHERE s.product_id = license.product_id AND s.deleted_at IS NULL AND s.archived_at IS NOT NULL)
       FOR UPDATE
  ), ${FREE_DEAD_SEAT}, inserted AS (
    INSERT INTO license_activation
           (id, license_id, kind, identifier, name, first_seen_at, last_seen_at, last_ip, created_at, updated_at)
    SELECT $2, l.id, $3, $4, $9::text, now(), now(), $5, now(), now()
      FROM locked l
     WHERE NOT $7::boolean OR l.max_activations = 0
        OR l.activations_used - (SELECT count(*)::int FROM freed) < l.max_activations
        ON CONFLICT (license_id, kind, identifier) WHERE released_at IS NULL AND deleted_at IS NULL DO NOTHING
    RETURNING id
  ), counted AS (
    UPDATE license
       SET activations_used = activations_used + (SELECT count(*)::int FROM inserted) - (SELECT count(*)::int FROM freed),
           updated_at = now(),
           expires_at = CASE WHEN EXISTS (SELECT 1 FROM inserted) AND expires_at IS NULL AND activation_term_days IS NOT NULL
                             THEN now() + make_interval(days => activation_term_days) ELSE expires_at END,
           activation_term_days = CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN NULL ELSE activation_term_days END
     WHERE id = $1 AND (EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM freed))
     RETURNING id, activations_used, max_activations, expires_at, grace_ends_at
  ), logged AS (
    INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
    SELECT $6, counted.id, 'activated', 'installed_product', $4,
           jsonb_build_object('kind', $3::text, 'identifier', $4::text, 'ip', $5::text,
                              'activation_id', inserted.id, 'activations_used', counted.activations_used, 'name', $9::text,
                              'max_activations', counted.max_activations,
                              'expires_at', to_char(counted.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
           now(), now()
      FROM counted, inserted
  ), ${LOG_FREED_SEAT}
  SELECT (SELECT activations_used FROM counted) AS activations_used,
         (SELECT id FROM freed) AS freed_id, (SELECT identifier FROM freed) AS freed_identifier,
         (SELECT last_ip FROM freed) AS freed_ip,
         (SELECT expires_at FROM counted) AS expires_at, (SELECT grace_ends_at FROM counted) AS grace_ends_at,
         (SELECT id FROM inserted) AS activation_id`

/**
 * Takes a slot for a new identity with the TAKE_SLOT statement, on its own on a
 * pooled connection: the count, the activation row and the event are one
 * statement, so they commit together or not at all.
 */
export async function takeActivationSlot(
  knex: Knex,
  licenseId: string,
  identity: VerifyIdentity,
  ip: string,
  name: string | null,
  enforce: { activationLimit: boolean; expiry: boolean }
): Promise<TakeSlotResult> {
  const activationId = entityId("lact")
  const [row] = await pooledQuery<{
    activations_used: number | null
    activation_id: string | null
    freed_id: string | null
    freed_identifier: string | null
    freed_ip: string | null
  } & Pick<LicenseState, "expires_at" | "grace_ends_at">>(knex, "license_verify_take_slot_v6", TAKE_SLOT, [
    licenseId, activationId, identity.kind, identity.value, ip, entityId("levt"), enforce.activationLimit, enforce.expiry, name,
    entityId("levt"),
  ])
  const freed = row.freed_id ? { activationId: row.freed_id, identifier: row.freed_identifier!, lastIp: row.freed_ip } : null
  if (row.activation_id) {
    return {
      outcome: "taken",
      activationId,
      activationsUsed: row.activations_used!,
      freed,
      expires_at: row.expires_at,
      grace_ends_at: row.grace_ends_at,
    }
  }
  // Not taken. Whether the identity holds a slot now decides between "held"
  // (a concurrent first verify of the same site won, also when that filled
  // the last slot) and "refused".
  const { rows } = await knex.raw(
    `SELECT l.status, l.expires_at, l.grace_ends_at, l.max_activations, l.activations_used, a.id AS activation_id
       FROM license l
       LEFT JOIN license_activation a
         ON a.license_id = l.id AND a.kind = ? AND a.identifier = ?
        AND a.released_at IS NULL AND a.deleted_at IS NULL
      WHERE l.id = ?`,
    [identity.kind, identity.value, licenseId]
  )
  const { activation_id: heldBy, ...license } = rows[0]
  return { outcome: heldBy ? "held" : "refused", license, freed }
}

/** A slot that was released: the activation row (kept, with released_at) and the license's new count. */
export type ReleasedSlot = {
  activationId: string
  kind: VerifyIdentity["kind"]
  identifier: string
  activationsUsed: number
}

/**
 * Frees the slot an identity holds: keeps the row (released_at) for the
 * history and decrements the count in the same statement. A concurrent second
 * release of the same slot waits for the row lock, then matches nothing.
 */
export async function releaseActivationSlot(
  trx: Knex.Transaction,
  licenseId: string,
  identity: VerifyIdentity,
  releasedBy: ReleasedBy
): Promise<ReleasedSlot | null> {
  return await releaseHeldSlot(trx, licenseId, releasedBy, "kind = ? AND identifier = ?", [identity.kind, identity.value])
}

/** Frees one held slot by its activation id (the customer's and the admin's "free this slot"); same statement. */
export async function releaseActivationSlotById(
  trx: Knex.Transaction,
  licenseId: string,
  activationId: string,
  releasedBy: ReleasedBy
): Promise<ReleasedSlot | null> {
  return await releaseHeldSlot(trx, licenseId, releasedBy, "id = ?", [activationId])
}

/**
 * The one release statement: `slotCondition` picks the held activation of the
 * license; `releasedBy` records who freed it (only some count against the
 * deactivation budget, rules/deactivation-budget.ts).
 */
async function releaseHeldSlot(
  trx: Knex.Transaction,
  licenseId: string,
  releasedBy: ReleasedBy,
  slotCondition: string,
  slotParams: string[]
): Promise<ReleasedSlot | null> {
  const { rows } = await trx.raw(
    `WITH released AS (
       UPDATE license_activation
          SET released_at = now(), released_by = ?, updated_at = now()
        WHERE license_id = ? AND ${slotCondition}
          AND released_at IS NULL AND deleted_at IS NULL
        RETURNING id, kind, identifier
     ), counted AS (
       UPDATE license
          SET activations_used = GREATEST(activations_used - (SELECT count(*)::int FROM released), 0),
              updated_at = now()
        WHERE id = ? AND EXISTS (SELECT 1 FROM released)
        RETURNING activations_used
     )
     SELECT r.id AS activation_id, r.kind, r.identifier,
            (SELECT activations_used FROM counted) AS activations_used
       FROM released r
      LIMIT 1`,
    [releasedBy, licenseId, ...slotParams, licenseId]
  )
  const row = rows[0]
  return row?.activation_id
    ? { activationId: row.activation_id, kind: row.kind, identifier: row.identifier, activationsUsed: row.activations_used }
    : null
}

/** Writes a batch of last-seen notes; rows seen within the last minute are left alone. */
export async function writeLastSeen(db: Db, entries: LastSeenEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500)
    const values = chunk.map(() => "(?, ?::timestamptz, ?::text)").join(", ")
    await db.raw(
      `UPDATE license_activation a
          SET last_seen_at = v.seen_at, last_ip = COALESCE(v.ip, a.last_ip), updated_at = now()
         FROM (VALUES ${values}) AS v(id, seen_at, ip)
        WHERE a.id = v.id AND a.released_at IS NULL
          AND a.last_seen_at < v.seen_at - interval '60 seconds'`,
      chunk.flatMap((e) => [e.activationId, e.seenAt.toISOString(), e.ip])
    )
  }
}

/** The ids of the slots a license holds now, oldest first. */
export async function heldActivationIds(trx: Knex.Transaction, licenseId: string): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `SELECT id FROM license_activation
      WHERE license_id = ? AND released_at IS NULL AND deleted_at IS NULL
      ORDER BY first_seen_at, id`,
    [licenseId]
  )
  return rows.map((r) => r.id)
}

/** Whether the license holds this slot (by identity or activation id) now. */
export async function slotIsHeld(
  trx: Knex.Transaction,
  licenseId: string,
  slot: { identity: VerifyIdentity } | { activationId: string }
): Promise<boolean> {
  const [condition, params] =
    "identity" in slot ? ["kind = ? AND identifier = ?", [slot.identity.kind, slot.identity.value]] : ["id = ?", [slot.activationId]]
  const { rows } = await trx.raw(
    `SELECT 1 FROM license_activation
      WHERE license_id = ? AND ${condition} AND released_at IS NULL AND deleted_at IS NULL`,
    [licenseId, ...params]
  )
  return rows.length > 0
}
