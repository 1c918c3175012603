import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The licenses counted by stored status and by the UTC day of `expires_at`, kept exact by triggers, so that the
 * admin's "N results" for a status and the Licensing overview's counts read a few thousand rows instead of every
 * license (sql/license-count.ts; docs/performance.md "Round 6"). It replaces the single count of
 * Migration20261211100000: the total is the sum of every row.
 *
 * "Active" and "expired" depend on `now`, and a key's expiry day sorts it: whole days before today are expired (or in
 * grace), whole days after today and `infinity` (no expiry) are active; only today's keys are read from the index.
 * A row of `license_count_bucket` is a number of licenses added to (or taken from) its (status, expires_on) bucket:
 * the triggers only ever INSERT, so concurrent transactions never wait for one another on a counter row or deadlock
 * over two of them, and one transaction changing 100,000 keys writes 100,000 small rows instead of updating one row
 * 100,000 times. A job folds each bucket's rows into one (jobs/fold-license-counts.ts). Every change is made inside
 * the writing transaction: a rollback takes it back, and the sums equal `count(*)` in every snapshot.
 * - INSERT: per statement, grouped (a 100-unit order is one row per bucket);
 * - UPDATE of status, expires_at or deleted_at: per row, only when the status, the expiry day or liveness changes.
 *   The Verify API's slot statement names `expires_at` (a term that starts at the first activation), so the WHEN
 *   clause, evaluated without calling any function, keeps every other activation free of it;
 * - DELETE of a live row: per row; TRUNCATE empties the counts.
 */
export class Migration20261212100000 extends Migration {
  override async up(): Promise<void> {
    for (const trigger of ["license_count_inserted", "license_count_soft_deleted", "license_count_deleted", "license_count_truncated"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${trigger} ON "license";`)
    }
    for (const fn of ["license_count_inserted()", "license_count_changed()", "license_count_truncated()", "license_count_add(bigint)"]) {
      this.addSql(`DROP FUNCTION IF EXISTS ${fn};`)
    }
    this.addSql(`DROP TABLE IF EXISTS "license_count_shard";`)

    this.addSql(`CREATE TABLE IF NOT EXISTS "license_count_bucket" (
      "status" text NOT NULL,
      "expires_on" date NOT NULL,
      "licenses" bigint NOT NULL);`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_expiry_day(expires_at timestamptz) RETURNS date AS $$
        SELECT COALESCE((expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date)
      $$ LANGUAGE sql IMMUTABLE;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_bucket_add(status text, expires_at timestamptz, delta bigint) RETURNS void AS $$
        INSERT INTO license_count_bucket (status, expires_on, licenses) VALUES (status, license_expiry_day(expires_at), delta)
      $$ LANGUAGE sql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_bucket_inserted() RETURNS trigger AS $$
      BEGIN
        INSERT INTO license_count_bucket (status, expires_on, licenses)
        SELECT status, license_expiry_day(expires_at), count(*) FROM license_count_new WHERE deleted_at IS NULL GROUP BY 1, 2;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_bucket_changed() RETURNS trigger AS $$
      BEGIN
        IF OLD.deleted_at IS NULL THEN PERFORM license_count_bucket_add(OLD.status, OLD.expires_at, -1); END IF;
        IF TG_OP = 'UPDATE' AND NEW.deleted_at IS NULL THEN PERFORM license_count_bucket_add(NEW.status, NEW.expires_at, 1); END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_bucket_truncated() RETURNS trigger AS $$
      BEGIN
        DELETE FROM license_count_bucket;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    for (const trigger of BUCKET_TRIGGERS) {
      this.addSql(`DROP TRIGGER IF EXISTS ${trigger} ON "license";`)
    }
    this.addSql(`CREATE TRIGGER license_count_bucket_inserted AFTER INSERT ON "license" REFERENCING NEW TABLE AS license_count_new
      FOR EACH STATEMENT EXECUTE FUNCTION license_count_bucket_inserted();`)
    this.addSql(`CREATE TRIGGER license_count_bucket_updated AFTER UPDATE OF status, expires_at, deleted_at ON "license" FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status
         OR (OLD.expires_at AT TIME ZONE 'UTC')::date IS DISTINCT FROM (NEW.expires_at AT TIME ZONE 'UTC')::date
         OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
      EXECUTE FUNCTION license_count_bucket_changed();`)
    this.addSql(`CREATE TRIGGER license_count_bucket_deleted AFTER DELETE ON "license" FOR EACH ROW
      WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION license_count_bucket_changed();`)
    this.addSql(`CREATE TRIGGER license_count_bucket_truncated AFTER TRUNCATE ON "license"
      FOR EACH STATEMENT EXECUTE FUNCTION license_count_bucket_truncated();`)
    // The licenses that exist now. Creating the triggers above locked the table against writes until this
    // migration commits, so none is counted twice or missed.
    this.addSql(`DELETE FROM "license_count_bucket";`)
    this.addSql(`INSERT INTO "license_count_bucket" (status, expires_on, licenses)
      SELECT status, license_expiry_day(expires_at), count(*) FROM "license" WHERE deleted_at IS NULL GROUP BY 1, 2;`)
  }

  // Leaves no count behind: the code before this migration reads Migration20261211100000's `license_count_shard`,
  // which that migration's up() creates and fills again.
  override async down(): Promise<void> {
    for (const trigger of BUCKET_TRIGGERS) {
      this.addSql(`DROP TRIGGER IF EXISTS ${trigger} ON "license";`)
    }
    for (const fn of [
      "license_count_bucket_inserted()",
      "license_count_bucket_changed()",
      "license_count_bucket_truncated()",
      "license_count_bucket_add(text, timestamptz, bigint)",
      "license_expiry_day(timestamptz)",
    ]) {
      this.addSql(`DROP FUNCTION IF EXISTS ${fn};`)
    }
    this.addSql(`DROP TABLE IF EXISTS "license_count_bucket";`)
  }
}

const BUCKET_TRIGGERS = [
  "license_count_bucket_inserted",
  "license_count_bucket_updated",
  "license_count_bucket_deleted",
  "license_count_bucket_truncated",
]
