import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { pooledQuery } from "../../license/database"
import type { ReleaseStatus } from "../rules/release-version"

/** A release row as the raw statements return it. */
export type ReleaseRow = {
  id: string
  product_id: string
  version: string
  channel: "stable" | "beta" | "alpha"
  status: ReleaseStatus
  changelog: string | null
  wp_requires: string | null
  wp_tested: string | null
  wp_requires_php: string | null
  required_entitlement: string | null
  published_at: Date | null
  yanked_at: Date | null
  artifact_file_id: string
  artifact_name: string
  artifact_size: number
  artifact_sha256: string
  created_at: Date
  updated_at: Date
}

const COLUMNS = `id, product_id, version, channel, status, changelog, wp_requires, wp_tested, wp_requires_php, required_entitlement, published_at, yanked_at,
  artifact_file_id, artifact_name, artifact_size, artifact_sha256, created_at, updated_at`

/**
 * The published releases of each product (what an update check chooses from), in the order of
 * `productIds`: one indexed statement for the update checks of one event-loop turn, prepared once
 * per pooled connection (the license module's pooledQuery).
 */
export async function listPublishedReleasesOf(knex: Knex, productIds: string[]): Promise<ReleaseRow[][]> {
  const rows = await pooledQuery<ReleaseRow>(
    knex,
    "license_release_published_v1",
    `SELECT ${COLUMNS} FROM license_release WHERE product_id = ANY($1::text[]) AND status = 'published' AND deleted_at IS NULL`,
    [productIds]
  )
  return productIds.map((productId) => rows.filter((row) => row.product_id === productId))
}

/** Every release of a product for the admin, newest created first, with its download total. */
export async function listProductReleases(db: Knex, productId: string): Promise<(ReleaseRow & { download_count: number })[]> {
  const { rows } = await db.raw<{ rows: (ReleaseRow & { download_count: string | number })[] }>(
    `SELECT ${COLUMNS.split(", ").map((c) => `r.${c.trim()}`).join(", ")},
            COALESCE((SELECT SUM(d.count) FROM license_release_download d WHERE d.release_id = r.id AND d.deleted_at IS NULL), 0) AS download_count
       FROM license_release r
      WHERE r.product_id = ? AND r.deleted_at IS NULL
      ORDER BY r.created_at DESC, r.id DESC`,
    [productId]
  )
  return rows.map((row) => ({ ...row, download_count: Number(row.download_count) }))
}

/** One release by id (any status), or null. */
export async function findRelease(db: Knex, id: string): Promise<ReleaseRow | null> {
  const { rows } = await db.raw<{ rows: ReleaseRow[] }>(`SELECT ${COLUMNS} FROM license_release WHERE id = ? AND deleted_at IS NULL`, [id])
  return rows[0] ?? null
}

/**
 * Moves a release of a product from one status to another in one conditional UPDATE (two admins
 * publishing at once: one wins, the other sees the new status). Null when the release is not in `from`.
 */
export async function changeReleaseStatus(
  db: Knex,
  productId: string,
  id: string,
  from: ReleaseStatus,
  to: ReleaseStatus,
  at: { published_at?: Date | null; yanked_at?: Date | null }
): Promise<ReleaseRow | null> {
  const sets = ["status = ?", "updated_at = now()"]
  const values: unknown[] = [to]
  for (const [column, value] of Object.entries(at)) {
    sets.push(`${column} = ?`)
    values.push(value)
  }
  const { rows } = await db.raw<{ rows: ReleaseRow[] }>(
    `UPDATE license_release SET ${sets.join(", ")}
      WHERE id = ? AND product_id = ? AND status = ? AND deleted_at IS NULL
      RETURNING ${COLUMNS}`,
    [...values, id, productId, from] as Knex.RawBinding[]
  )
  return rows[0] ?? null
}

/** Whether the product already has this version on this channel (any status). */
export async function releaseExists(db: Knex, productId: string, channel: string, version: string): Promise<boolean> {
  const { rows } = await db.raw<{ rows: unknown[] }>(
    `SELECT 1 FROM license_release WHERE product_id = ? AND channel = ? AND version = ? AND deleted_at IS NULL LIMIT 1`,
    [productId, channel, version]
  )
  return rows.length > 0
}
