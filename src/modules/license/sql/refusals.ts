import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import { advisoryXactLock } from "../database"
import type { VerifyIdentity } from "../rules/identity"

/** One activation_refused event covers a license and reason for this long. */
export const REFUSAL_WINDOW_SECONDS = 600
const MAX_SAMPLED_IDENTITIES = 10

/**
 * Records a refusal, aggregated so that nobody can flood the table: the first
 * refusal of a license for a reason opens an `activation_refused` event; later
 * ones within REFUSAL_WINDOW_SECONDS only increment its `count`, update
 * `last_identity` and add up to MAX_SAMPLED_IDENTITIES distinct identities.
 * A transaction-scoped advisory lock per license serialises concurrent
 * refusals (across processes too), so a burst cannot open several windows:
 * at most 6 rows per license, reason and hour, however many requests.
 * Returns true when this refusal opened a window (a new event row).
 */
export async function recordRefusal(
  trx: Knex.Transaction,
  licenseId: string,
  reason: string,
  identity: VerifyIdentity,
  ip: string
): Promise<boolean> {
  const identifier = `${identity.kind}:${identity.value}`
  const first = {
    reason,
    count: 1,
    first_identity: identifier,
    last_identity: identifier,
    last_ip: ip,
    identities: [identifier],
    window_seconds: REFUSAL_WINDOW_SECONDS,
  }
  await advisoryXactLock(trx, `license-refusal:${licenseId}`)
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `WITH open_window AS (
       SELECT id FROM license_event
        WHERE license_id = ? AND type = 'activation_refused' AND deleted_at IS NULL
          AND created_at > now() - make_interval(secs => ?) AND data->>'reason' = ?
        ORDER BY created_at DESC
        LIMIT 1
        FOR UPDATE
     ), bumped AS (
       UPDATE license_event e
          SET data = e.data
                || jsonb_build_object(
                     'count', COALESCE((e.data->>'count')::int, 1) + 1,
                     'last_identity', ?::text,
                     'last_ip', ?::text,
                     'identities', CASE
                       WHEN COALESCE(e.data->'identities', '[]'::jsonb) @> jsonb_build_array(?::text)
                         OR jsonb_array_length(COALESCE(e.data->'identities', '[]'::jsonb)) >= ?
                       THEN COALESCE(e.data->'identities', '[]'::jsonb)
                       ELSE COALESCE(e.data->'identities', '[]'::jsonb) || jsonb_build_array(?::text)
                     END),
              updated_at = now()
         FROM open_window
        WHERE e.id = open_window.id
        RETURNING e.id
     )
     INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
     SELECT ?, ?, 'activation_refused', 'installed_product', ?, ?::jsonb, now(), now()
      WHERE NOT EXISTS (SELECT 1 FROM bumped)
     RETURNING id`,
    [
      licenseId,
      REFUSAL_WINDOW_SECONDS,
      reason,
      identifier,
      ip,
      identifier,
      MAX_SAMPLED_IDENTITIES,
      identifier,
      entityId("levt"),
      licenseId,
      identity.value,
      JSON.stringify(first),
    ]
  )
  return rows.length > 0
}
