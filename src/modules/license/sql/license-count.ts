import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { pooledQuery } from "../database"

/**
 * How many licenses exist (not soft-deleted): the sum of the per-shard counts the triggers of
 * Migration20261211100000 keep in the writing transactions, equal to `count(*)` of the table in any snapshot.
 * It reads at most 16 rows, where counting a million licenses reads a million index entries.
 */
export async function countLiveLicenses(knex: Knex): Promise<number> {
  const [row] = await pooledQuery<{ count: number }>(
    knex,
    "license_count_live_v1",
    "SELECT COALESCE(sum(licenses), 0)::integer AS count FROM license_count_shard",
    []
  )
  return row.count
}
