import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { pooledQuery } from "../database"
import { readLicenseCounts } from "./license-count"
import type { LicenseListOrder } from "../rules/license-list-order"
import {
  type LicenseSearch,
  type LicenseSearchSql,
  onlyStatusesOf,
  parseLicenseListOrder,
  readsMatchesWhole,
} from "../rules/license-search-sql"

/**
 * The admin's license list (GET /admin/licenses): one page of ids and the exact count of a search, both from
 * rules/license-search-sql.ts (the export's condition), built once by the caller and read by both statements: its
 * placeholders come first, the page's LIMIT and OFFSET after them. The ORDER BY names a column of the whitelist only
 * (`parseLicenseListOrder`); every value is a parameter. Both run as unnamed statements: PostgreSQL plans them with
 * each call's values (`now`, the pattern, LIMIT/OFFSET), where a generic plan of a prepared statement would guess.
 * Plans at 1,000,000 licenses: docs/performance.md "The admin at 1,000,000 licenses".
 */

export type LicenseListPage = { order: LicenseListOrder; skip: number; take: number }

/**
 * The ids of one page, in the page's order: the column, then the id in the same direction, so that keys sharing a
 * value (keys issued together share created_at) never repeat or skip across pages. A search whose matches are
 * better read whole (`readsMatchesWhole`: keys in grace or expiring, expired ones newest first, a whole e-mail
 * address) reads them in a subquery, then
 * sorts them: `OFFSET 0` keeps the planner from merging the subquery into a walk of the order's index, which read
 * 500,000 newer keys before the first expired one; unlike a MATERIALIZED CTE it stores nothing (the 317,000 expired
 * keys' ids spilled to disk there: 148 against 96 ms).
 */
export async function listLicensePageIds(
  knex: Knex,
  search: LicenseSearch,
  condition: LicenseSearchSql,
  page: LicenseListPage
): Promise<string[]> {
  const { column, direction } = parseLicenseListOrder(page.order)
  const limit = `LIMIT $${condition.values.length + 1} OFFSET $${condition.values.length + 2}`
  const text = readsMatchesWhole(search, { column, direction })
    ? `SELECT id FROM (SELECT id, ${column} AS sort_key FROM license WHERE ${condition.where} OFFSET 0) m
ORDER BY sort_key ${direction}, id ${direction} ${limit}`
    : `SELECT id FROM license WHERE ${condition.where} ORDER BY ${column} ${direction}, id ${direction} ${limit}`
  const rows = await pooledQuery<{ id: string }>(knex, null, text, [...condition.values, page.take, page.skip])
  return rows.map((row) => row.id)
}

/**
 * How many licenses match the search: exact, the admin shows "N results" and its page count. A search by status
 * alone, or none, reads the counts the triggers keep (sql/license-count.ts) instead of counting its matches: the
 * statuses a person sees do not overlap, so their counts add up.
 */
export async function countLicenses(knex: Knex, search: LicenseSearch, condition: LicenseSearchSql, now: Date): Promise<number> {
  const statuses = onlyStatusesOf(search)
  if (statuses) {
    const names = statuses.length ? statuses : (["total"] as const)
    const counts = await readLicenseCounts(knex, names, now)
    return names.reduce((sum, name) => sum + counts[name], 0)
  }
  const rows = await pooledQuery<{ count: number }>(
    knex,
    null,
    `SELECT count(*)::integer AS count FROM license WHERE ${condition.where}`,
    condition.values
  )
  return rows[0].count
}
