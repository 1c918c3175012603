import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The admin's license list at 1,000,000 licenses, read through SQL (sql/license-list.ts; plans in
 * docs/performance.md "The admin at 1,000,000 licenses"):
 * - `lower(customer_email)`: a search for a whole e-mail address matches that address in any case by equality
 *   (rules/license-search-sql.ts), one btree lookup instead of the trigram posting lists every address shares.
 *   An expression index: Medusa's model DSL cannot declare it, so it lives here only.
 * - `(status, expires_at, grace_ends_at) INCLUDE (created_at, id)` replaces the same index without INCLUDE: the
 *   list's time-based filters (expired, in grace, expiring within N days) read their matches with the created_at
 *   and id that sort them from the index alone. Its key columns are unchanged, so the reads that used the old one
 *   (the Licensing overview's counts, the status filters' counts, the renewal reminders' claim) still can.
 */
export class Migration20261210100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_customer_email_lower" ON "license" (lower("customer_email")) WHERE deleted_at IS NULL;`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_license_status_expires_at_created_at" ON "license" ("status", "expires_at", "grace_ends_at") INCLUDE ("created_at", "id") WHERE deleted_at IS NULL;`
    )
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_status_expires_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_status_expires_at" ON "license" ("status", "expires_at", "grace_ends_at") WHERE deleted_at IS NULL;`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_status_expires_at_created_at";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_customer_email_lower";`)
  }
}
