import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Indexes for the admin's license list at 1,000,000 licenses (docs/performance.md "The admin at 1,000,000
 * licenses": the plans that asked for each):
 * - `(created_at, id)`: the list's default order (newest first, id breaking ties) and its other `created_at`
 *   order read the first page straight from the index instead of sorting every row.
 * - `(product_title, id)`, `(max_activations, id)`, `(status, id)`, `(expires_at, id)`: the list's other orders,
 *   whose columns hold few distinct values (a sort on the one-column index still sorts a whole group).
 *   The one-column `expires_at` index is dropped: `(expires_at, id)` serves every read it served, and while it
 *   existed the planner preferred it for `ORDER BY expires_at DESC, id DESC` and then sorted the 300,000
 *   lifetime keys (NULL expiry, first in that order) to find the first 20 (1.5 s at 1,000,000 licenses).
 *   `activations_used` gets none on purpose: the Verify API changes it on every new activation, and an index on
 *   it would end the heap-only (HOT) updates of those writes.
 * - `grace_ends_at` (only set rows): the "grace" status filter, a few thousand keys among the expired ones.
 * - `(status, expires_at, grace_ends_at)`: every status filter that depends on time (active, expired, grace,
 *   expiring within N days), their counts and the Licensing overview's counts, read from the index alone.
 * - `customer_email` trigram GIN (`pg_trgm`): the search's case-insensitive "e-mail contains" (`ILIKE '%q%'`)
 *   without reading every row. pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the database
 *   may create it, but a managed PostgreSQL or a migrating role without that right may not, and one failed statement
 *   would stop the whole migration (a store could not upgrade the plugin). So the extension and this one index are
 *   optional (`TRIGRAM_INDEX_IF_POSSIBLE`): without them the search still works and reads the rows, as before.
 * - `license_event (created_at, type)` for issued and revoked events only: the Licensing overview's keys issued
 *   and revoked per day of the last 30 read a month of that index instead of every history row.
 */
/**
 * pg_trgm and the e-mail trigram index when this role may have them, else a NOTICE and neither. The exception
 * block is a subtransaction: a refusal rolls back only this block, never the migration around it.
 * insufficient_privilege: no CREATE on the database (or not trusted there); undefined_file: the server has no
 * pg_trgm files; feature_not_supported: the extension is not allowed (some managed services); undefined_object:
 * pg_trgm is installed in a schema outside the search path, so `gin_trgm_ops` is not found.
 */
const TRIGRAM_INDEX_IF_POSSIBLE = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE EXTENSION pg_trgm;
  END IF;
  CREATE INDEX IF NOT EXISTS "IDX_license_customer_email_trgm" ON "license" USING gin ("customer_email" gin_trgm_ops) WHERE deleted_at IS NULL;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported OR undefined_object THEN
  RAISE NOTICE 'license: no trigram index on customer_email (%): the search by part of an e-mail reads the rows instead', SQLERRM;
END
$$;`

export class Migration20261209100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_created_at_id" ON "license" ("created_at", "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_product_title_id" ON "license" ("product_title", "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_max_activations_id" ON "license" ("max_activations", "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_status_id" ON "license" ("status", "id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_expires_at_id" ON "license" ("expires_at", "id") WHERE deleted_at IS NULL;`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_expires_at";`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_status_expires_at" ON "license" ("status", "expires_at", "grace_ends_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_grace_ends_at" ON "license" ("grace_ends_at") WHERE grace_ends_at IS NOT NULL AND deleted_at IS NULL;`)
    this.addSql(TRIGRAM_INDEX_IF_POSSIBLE)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_event_issued_revoked_created_at" ON "license_event" ("created_at", "type") WHERE type IN ('issued', 'revoked') AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_expires_at" ON "license" ("expires_at") WHERE deleted_at IS NULL;`)
    for (const name of [
      "IDX_license_created_at_id",
      "IDX_license_product_title_id",
      "IDX_license_max_activations_id",
      "IDX_license_status_id",
      "IDX_license_expires_at_id",
      "IDX_license_status_expires_at",
      "IDX_license_grace_ends_at",
      "IDX_license_customer_email_trgm",
      "IDX_license_event_issued_revoked_created_at",
    ]) {
      this.addSql(`DROP INDEX IF EXISTS "${name}";`)
    }
  }
}
