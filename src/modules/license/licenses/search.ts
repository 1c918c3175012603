import type { LicenseListOrder } from "../rules/license-list-order"
import { buildLicenseSearchSql, type LicenseSearch } from "../rules/license-search-sql"
import type LicenseModuleService from "../service"
import type { LicenseDTO } from "../service"
import { type LicenseExportRow, listLicensesAfter } from "../sql/license-export"
import { countLicenses, listLicensePageIds } from "../sql/license-list"

/**
 * The admin's license list and its CSV export: one search (rules/license-search-sql.ts), read with raw statements
 * (sql/license-list.ts, sql/license-export.ts).
 */

/**
 * One page of the licenses matching an admin search, newest first by default, and how many match in all. The page's
 * ids and the count are two statements run side by side, reading one condition (a typed key is hashed once); the
 * page's licenses are then loaded by id through the generated `listLicenses` (the same LicenseDTO as every other
 * read) and returned in the page's order.
 */
export async function searchLicenses(
  this: LicenseModuleService,
  search: LicenseSearch,
  config: { skip?: number; take?: number; order?: LicenseListOrder } = {},
  now: Date = new Date()
): Promise<[LicenseDTO[], number]> {
  const knex = this.pgConnection_()
  const condition = buildLicenseSearchSql(search, (q) => this.keys_.hashOf(q), now)
  const page = { order: config.order ?? "-created_at", skip: config.skip ?? 0, take: config.take ?? 20 }
  const [ids, count] = await Promise.all([
    listLicensePageIds(knex, search, condition, page),
    countLicenses(knex, search, condition, now),
  ])
  if (!ids.length) {
    return [[], count]
  }
  const loaded = new Map((await this.listLicenses({ id: ids }, { take: ids.length })).map((l) => [l.id, l]))
  // A license deleted between the two reads is left out.
  return [ids.flatMap((id) => loaded.get(id) ?? []), count]
}

/**
 * One batch of an export: the licenses matching `search` whose id sorts after
 * `afterId`, in id order, as plain rows read without the ORM (sql/license-export.ts).
 * Keyset paging keeps every read an index range scan, however deep the export, and
 * lets a caller stream any number of licenses while holding one batch in memory.
 * `now` decides the time-based statuses: one export passes one instant to every batch.
 */
export async function listLicensesForExport(
  this: LicenseModuleService,
  search: LicenseSearch,
  afterId: string | null,
  take: number,
  now: Date = new Date()
): Promise<LicenseExportRow[]> {
  return await listLicensesAfter(this.pgConnection_(), search, (q) => this.keys_.hashOf(q), afterId ?? "", take, now)
}
