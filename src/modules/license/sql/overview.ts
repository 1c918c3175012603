import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type {
  LicensingOverview,
  LicensingOverviewCounts,
  LicensingOverviewDay,
} from "../../../types/licensing-overview"
import { readLicenseCounts } from "./license-count"

/**
 * The admin's Licensing overview (docs/admin.md "Licensing overview"): pure
 * reads, no locks. Days are UTC calendar days ("YYYY-MM-DD"), the last `days`
 * of them up to and including today; days without data are zeros.
 */

export type { LicensingOverview, LicensingOverviewCounts, LicensingOverviewDay } from "../../../types/licensing-overview"
type OverviewCounts = LicensingOverviewCounts
type OverviewDay = LicensingOverviewDay

const DAY_MS = 86_400_000

/** The `days` UTC day names ending with `now`'s day, oldest first. */
export const overviewDayNames = (now: Date, days: number) =>
  Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10))

/** The counts kept by status and expiry day (sql/license-count.ts): "expired" here includes the keys in grace. */
async function readCounts(db: Knex, now: Date, expiringWithinDays: number): Promise<OverviewCounts> {
  const counts = await readLicenseCounts(db, ["active", "expiring", "ended", "suspended", "revoked"], now, expiringWithinDays)
  return {
    active: counts.active,
    expiring_soon: counts.expiring,
    expired: counts.ended,
    suspended: counts.suspended,
    revoked: counts.revoked,
  }
}

/** Issued and revoked keys per UTC day, from the history (license_event). */
async function readEventDays(db: Knex, from: string, to: string) {
  const { rows } = await db.raw<{ rows: { day: string; type: string; count: string }[] }>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, type, count(*) AS count
       FROM license_event
      WHERE type IN ('issued', 'revoked') AND deleted_at IS NULL
        AND created_at >= CAST(CAST(? AS date) AS timestamp) AT TIME ZONE 'UTC'
        AND created_at < CAST(CAST(? AS date) + 1 AS timestamp) AT TIME ZONE 'UTC'
      GROUP BY 1, 2`,
    [from, to]
  )
  return rows
}

/** Verify calls per UTC day and answer code, every product summed (the write-behind usage counters). */
async function readUsageDays(db: Knex, from: string, to: string) {
  const { rows } = await db.raw<{ rows: { day: string; code: string; count: string }[] }>(
    `SELECT day, code, sum(count) AS count FROM license_usage_day
      WHERE day >= ? AND day <= ? AND deleted_at IS NULL
      GROUP BY day, code`,
    [from, to]
  )
  return rows
}

export async function readLicensingOverview(
  db: Knex,
  { now, days, expiringWithinDays }: { now: Date; days: number; expiringWithinDays: number }
): Promise<LicensingOverview> {
  const names = overviewDayNames(now, days)
  const from = names[0]
  const to = names[names.length - 1]
  const [counts, events, usage] = await Promise.all([
    readCounts(db, now, expiringWithinDays),
    readEventDays(db, from, to),
    readUsageDays(db, from, to),
  ])
  const byDay = new Map<string, OverviewDay>(
    names.map((day) => [day, { day, issued: 0, revoked: 0, verify: {}, verify_total: 0 }])
  )
  for (const row of events) {
    const entry = byDay.get(row.day)
    if (entry && (row.type === "issued" || row.type === "revoked")) {
      entry[row.type] += Number(row.count)
    }
  }
  for (const row of usage) {
    const entry = byDay.get(row.day)
    if (entry) {
      entry.verify[row.code] = (entry.verify[row.code] ?? 0) + Number(row.count)
      entry.verify_total += Number(row.count)
    }
  }
  return { counts, expiring_within_days: expiringWithinDays, days: [...byDay.values()], from, to, time_zone: "UTC" }
}
