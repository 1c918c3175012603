import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The admin's paged view of a license's activations and history
 * (GET /admin/licenses/:id, docs/admin.md "Activations and history"): a key
 * that churned through thousands of sites answers with one page, not all of it.
 */

type Db = Knex | Knex.Transaction

export type Page = { limit: number; offset: number }

export type ActivationRow = {
  id: string
  license_id: string
  kind: "domain" | "ip" | "machine"
  identifier: string
  /** A machine's name; null for domains and IPs. */
  name: string | null
  first_seen_at: Date
  last_seen_at: Date
  last_ip: string | null
  released_at: Date | null
  released_by: string | null
  created_at: Date
  updated_at: Date
}

export type EventRow = {
  id: string
  license_id: string
  type: string
  actor_type: string
  actor_id: string | null
  data: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/** Held slots first (oldest first, like the customer sees them), then released ones, newest release first. */
export async function pageLicenseActivations(
  db: Db,
  licenseId: string,
  page: Page
): Promise<{ activations: ActivationRow[]; count: number; held: number }> {
  const [{ rows }, { rows: counts }] = await Promise.all([
    db.raw(
      `SELECT id, license_id, kind, identifier, name, first_seen_at, last_seen_at, last_ip, released_at, released_by,
              created_at, updated_at
         FROM license_activation
        WHERE license_id = ? AND deleted_at IS NULL
        ORDER BY (released_at IS NOT NULL), released_at DESC, first_seen_at ASC, id ASC
        LIMIT ? OFFSET ?`,
      [licenseId, page.limit, page.offset]
    ),
    db.raw(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE released_at IS NULL)::int AS held
         FROM license_activation WHERE license_id = ? AND deleted_at IS NULL`,
      [licenseId]
    ),
  ])
  return { activations: rows, count: counts[0].count, held: counts[0].held }
}

/** The history, newest first (the (license_id, created_at) index). */
export async function pageLicenseEvents(
  db: Db,
  licenseId: string,
  page: Page
): Promise<{ events: EventRow[]; count: number }> {
  const [{ rows }, { rows: counts }] = await Promise.all([
    db.raw(
      `SELECT id, license_id, type, actor_type, actor_id, data, created_at, updated_at
         FROM license_event
        WHERE license_id = ? AND deleted_at IS NULL
        ORDER BY created_at DESC, id DESC
        LIMIT ? OFFSET ?`,
      [licenseId, page.limit, page.offset]
    ),
    db.raw(`SELECT count(*)::int AS count FROM license_event WHERE license_id = ? AND deleted_at IS NULL`, [licenseId]),
  ])
  return { events: rows, count: counts[0].count }
}
