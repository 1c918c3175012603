import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The admin's license list at 1,000,000 licenses, read through SQL (sql/license-list.ts; plans in
 * docs/performance.md "The admin at 1,000,000 licenses"). Each index here is one Medusa's model DSL cannot declare
 * (an expression, INCLUDE), so it lives in this migration only.
 * - `lower(customer_email)`: a search for a whole e-mail address matches that address in any case by equality
 *   (rules/license-search-sql.ts), one btree lookup instead of the trigram posting lists every address shares. Not
 *   partial on purpose: PostgreSQL's planner ignores the statistics of a partial index's expression, and without
 *   them it guessed 5,000 matches and walked the newest-first index past every license (1.3 s at 1,000,000). The
 *   ANALYZE gives the expression its statistics now instead of at the next autovacuum.
 * - `(status, expires_at) INCLUDE (grace_ends_at, created_at, id)`: the list's "expired" and "expiring within N
 *   days" read their matches with what sorts them from the index alone. Added beside `IDX_license_status_expires_at`,
 *   not in its place: the Licensing overview's counts and the `active` count read the smaller index faster.
 * - `(grace_ends_at) INCLUDE (status, expires_at, created_at, id)` for the rows with a grace period replaces the same
 *   index without INCLUDE: "in grace" and its count read the index alone instead of 75,000 rows of the table.
 */
export class Migration20261210100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_customer_email_lower" ON "license" (lower("customer_email"));`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_license_status_expires_at_created_at" ON "license" ("status", "expires_at") INCLUDE ("grace_ends_at", "created_at", "id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_license_grace_ends_at_created_at" ON "license" ("grace_ends_at") INCLUDE ("status", "expires_at", "created_at", "id") WHERE grace_ends_at IS NOT NULL AND deleted_at IS NULL;`
    )
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_grace_ends_at";`)
    this.addSql(`ANALYZE "license";`)
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_grace_ends_at" ON "license" ("grace_ends_at") WHERE grace_ends_at IS NOT NULL AND deleted_at IS NULL;`)
    for (const name of ["IDX_license_grace_ends_at_created_at", "IDX_license_status_expires_at_created_at", "IDX_license_customer_email_lower"]) {
      this.addSql(`DROP INDEX IF EXISTS "${name}";`)
    }
  }
}
