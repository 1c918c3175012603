import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { createHash } from "node:crypto"
import { pooledQuery } from "../database"
import { buildLicenseSearchSql, type LicenseSearch } from "../rules/license-search-sql"

/** The columns a CSV line needs (api/admin/licenses/export/csv.ts), plus the sealed key it reveals. */
export type LicenseExportRow = {
  id: string
  key_encrypted: string
  status: string
  customer_email: string | null
  customer_id: string | null
  customer_discord_id: string | null
  product_title: string | null
  variant_title: string | null
  expires_at: Date | null
  grace_ends_at: Date | null
  max_activations: number
  activations_used: number
  order_id: string | null
  order_display_id: number | null
  created_at: Date
}

/**
 * One export batch: the licenses matching `search` whose id sorts after `afterId` ("" before the first), in id
 * order. Plain rows from node-postgres, no entities: a million-row export allocates one batch of small objects at a
 * time. The keyset on the primary key keeps every batch an index range scan however deep the export. The statement
 * is prepared per connection under a name derived from its text (the text depends only on which filters are set).
 */
export async function listLicensesAfter(
  knex: Knex,
  search: LicenseSearch,
  hashKey: (input: string) => string | null,
  afterId: string,
  take: number,
  now: Date
): Promise<LicenseExportRow[]> {
  const condition = buildLicenseSearchSql(search, hashKey, now, 3)
  const text = `SELECT id, key_encrypted, status, customer_email, customer_id, customer_discord_id, product_title,
       variant_title, expires_at, grace_ends_at, max_activations, activations_used, order_id, order_display_id, created_at
  FROM license
 WHERE id > $1 AND ${condition.where}
 ORDER BY id
 LIMIT $2`
  const name = `license_export_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`
  return await pooledQuery<LicenseExportRow>(knex, name, text, [afterId, take, ...condition.values])
}
