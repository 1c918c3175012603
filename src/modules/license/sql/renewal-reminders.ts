import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { DEFAULT_REMINDER_OFFSETS_DAYS } from "../rules/renewal-terms"

/** The SQL of license_renewal_reminder (renewals/reminders.ts). */

export type ClaimedReminder = {
  id: string
  license_id: string
  offset_days: number
  expires_at: Date
  customer_email: string
  customer_id: string | null
  product_title: string | null
  variant_title: string | null
  key_hint: string
}

/**
 * Claims the reminders that are due, in one statement: for each active, expiring key of a renewable policy with an
 * owner's e-mail, the latest of its policy's offsets whose moment (expiry + offset days) has passed within the last
 * `staleDays` (an outage sends only the latest reminder, and a key expired long ago gets none). The unique index on
 * (license, offset, expiry) makes a reminder already claimed by any run or instance a no-op. Rows claimed but not
 * sent (a crash between claim and send) are taken again once `leaseMs` old, measured on the database clock that wrote
 * updated_at: `now` is the due-date clock only (a test's or a late run's), so a claim another run is still sending
 * never looks stale to it. Reminders claimed before are left out before the `limit` (after the latest-offset pick, so
 * a claimed latest offset never lets an older one through): the limit is a batch of new work, and the next claim
 * gets the next batch. The conflict clause stays the guard against a concurrent claim not yet committed.
 */
export async function claimDueReminders(
  trx: Knex.Transaction,
  options: { now: Date; limit: number; staleDays: number; leaseMs: number }
): Promise<ClaimedReminder[]> {
  const { rows } = await trx.raw<{ rows: ClaimedReminder[] }>(
    `WITH due AS (
       SELECT DISTINCT ON (l.id) l.id AS license_id, o.offset_days, l.expires_at
         FROM license l
         JOIN license_policy p ON p.variant_id = l.variant_id AND p.deleted_at IS NULL AND p.licensed AND p.renewable
        CROSS JOIN LATERAL (
          SELECT value::int AS offset_days FROM jsonb_array_elements_text(COALESCE(p.reminder_offsets_days, ?::jsonb))
        ) o
        WHERE l.deleted_at IS NULL AND l.status = 'active' AND l.expires_at IS NOT NULL AND l.customer_email IS NOT NULL
          AND l.expires_at + make_interval(days => o.offset_days) <= ?
          AND l.expires_at + make_interval(days => o.offset_days) > ?::timestamptz - make_interval(days => ?)
        ORDER BY l.id, o.offset_days DESC
     ),
     claimed AS (
       INSERT INTO license_renewal_reminder (id, license_id, offset_days, expires_at, created_at, updated_at)
       SELECT 'lrem_' || replace(gen_random_uuid()::text, '-', ''), d.license_id, d.offset_days, d.expires_at, now(), now()
         FROM due d
        WHERE NOT EXISTS (
          SELECT 1 FROM license_renewal_reminder r
           WHERE r.license_id = d.license_id AND r.offset_days = d.offset_days AND r.expires_at = d.expires_at AND r.deleted_at IS NULL)
        LIMIT ?
       ON CONFLICT (license_id, offset_days, expires_at) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id, license_id, offset_days, expires_at
     ),
     retried AS (
       UPDATE license_renewal_reminder r SET updated_at = now()
        WHERE r.id IN (
          SELECT id FROM license_renewal_reminder
           WHERE deleted_at IS NULL AND sent_at IS NULL AND updated_at < now() - make_interval(secs => ?)
           LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING r.id, r.license_id, r.offset_days, r.expires_at
     )
     SELECT c.id, c.license_id, c.offset_days, c.expires_at, l.customer_email, l.customer_id, l.product_title, l.variant_title, l.key_hint
       FROM (SELECT * FROM claimed UNION ALL SELECT * FROM retried) c
       JOIN license l ON l.id = c.license_id
      ORDER BY c.expires_at, c.id`,
    [
      JSON.stringify(DEFAULT_REMINDER_OFFSETS_DAYS),
      options.now,
      options.now,
      options.staleDays,
      options.limit,
      options.leaseMs / 1000,
      options.limit,
    ]
  )
  return rows
}
