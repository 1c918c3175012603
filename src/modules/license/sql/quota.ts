import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

/**
 * The daily verify quota's counter (license_quota_day; rules/daily-quota.ts). One statement per
 * counted call, run only for products whose quota is above 0: the UPSERT creates the day's row
 * at 1, or adds 1 while the count is under the limit. Concurrent callers of one product and day
 * serialise on the row (PostgreSQL re-checks the WHERE on the newest version), so across any
 * number of server processes exactly `limit` calls get a unit; nothing lives in process memory.
 */
const TAKE_QUOTA_UNIT = `
  INSERT INTO license_quota_day (id, product_id, day, count, created_at, updated_at)
  VALUES (?, ?, ?, 1, now(), now())
  ON CONFLICT (product_id, day) WHERE deleted_at IS NULL
  DO UPDATE SET count = license_quota_day.count + 1, updated_at = now()
   WHERE license_quota_day.count < ?
  RETURNING count`

/** Counts one call on the product's `day` (YYYY-MM-DD, UTC): its count, or null when `limit` is reached. */
export async function takeQuotaUnit(db: Knex, productId: string, day: string, limit: number): Promise<number | null> {
  const { rows } = await db.raw<{ rows: { count: number }[] }>(TAKE_QUOTA_UNIT, [
    entityId("lqday"),
    productId,
    day,
    limit,
  ])
  return rows[0]?.count ?? null
}

/** The calls counted on the product's `day` (0 when none). */
export async function readQuotaUsed(db: Knex, productId: string, day: string): Promise<number> {
  const { rows } = await db.raw<{ rows: { count: number }[] }>(
    `SELECT count FROM license_quota_day WHERE product_id = ? AND day = ? AND deleted_at IS NULL`,
    [productId, day]
  )
  return rows[0]?.count ?? 0
}
