import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** The one row of store-wide licensing settings (models/license-store-setting.ts). */
const STORE_ROW = "store"

type Db = Knex | Knex.Transaction

/** The store's local and staging site patterns, in stored form; [] when never saved. */
export async function readLocalSitePatterns(db: Db): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { local_site_patterns: string[] }[] }>(
    `SELECT local_site_patterns FROM license_store_setting WHERE id = ? AND deleted_at IS NULL`,
    [STORE_ROW]
  )
  return rows[0]?.local_site_patterns ?? []
}

/** Replaces the patterns under the row lock; answers the ones it replaced. */
export async function writeLocalSitePatterns(trx: Knex.Transaction, patterns: string[]): Promise<{ previous: string[]; saved: string[] }> {
  await trx.raw(
    `INSERT INTO license_store_setting (id, local_site_patterns, created_at, updated_at)
     VALUES (?, '{}', now(), now()) ON CONFLICT (id) DO NOTHING`,
    [STORE_ROW]
  )
  const { rows } = await trx.raw<{ rows: { local_site_patterns: string[] }[] }>(
    `SELECT local_site_patterns FROM license_store_setting WHERE id = ? FOR UPDATE`,
    [STORE_ROW]
  )
  await trx.raw(
    `UPDATE license_store_setting SET local_site_patterns = ?::text[], updated_at = now(), deleted_at = NULL WHERE id = ?`,
    [patterns, STORE_ROW]
  )
  return { previous: rows[0]?.local_site_patterns ?? [], saved: patterns }
}
