import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { UsageRow } from "../rules/verify-rows"

/** Adds a batch of counts to the daily rows: one statement, additive, so any number of instances may write. */
export async function addUsage(db: Knex | Knex.Transaction, rows: UsageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500)
    await db.raw(
      `INSERT INTO license_usage_day (id, product_id, day, code, count, created_at, updated_at)
       VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, now(), now())").join(", ")}
       ON CONFLICT (product_id, day, code) WHERE deleted_at IS NULL
       DO UPDATE SET count = license_usage_day.count + excluded.count, updated_at = now()`,
      chunk.flatMap((r) => [entityId("lusg"), r.product_id, r.day, r.code, r.count])
    )
  }
}

export type UsageDay = { day: string; counts: Record<string, number>; total: number }

/** The last `days` UTC days up to `now`, oldest first, every day present (zero-filled). */
export async function listUsageDays(db: Knex, productId: string, days: number, now: Date): Promise<UsageDay[]> {
  const dayNames = Array.from({ length: days }, (_, i) =>
    new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10)
  )
  const { rows } = await db.raw<{ rows: { day: string; code: string; count: number }[] }>(
    `SELECT day, code, count FROM license_usage_day
      WHERE product_id = ? AND day >= ? AND day <= ? AND deleted_at IS NULL`,
    [productId, dayNames[0], dayNames[dayNames.length - 1]]
  )
  const byDay = new Map(dayNames.map((day) => [day, { day, counts: {} as Record<string, number>, total: 0 }]))
  for (const row of rows) {
    const entry = byDay.get(row.day)
    if (entry) {
      entry.counts[row.code] = (entry.counts[row.code] ?? 0) + Number(row.count)
      entry.total += Number(row.count)
    }
  }
  return [...byDay.values()]
}
