import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The number of licenses (not soft-deleted), kept exact by triggers, so that the admin's unfiltered list answers
 * "N results" without counting a million index entries per page (docs/performance.md "The list's count").
 *
 * The count is spread over up to 16 rows (`shard` = the writing transaction's id mod 16), so that concurrent
 * checkouts issuing keys do not queue on one row; the total is their sum (sql/license-count.ts). Every change is
 * made inside the writing transaction: a rollback takes it back, and the sum equals `count(*)` as every snapshot
 * sees it. Inserts are counted per statement (a 100-unit order is one row update); a soft delete, a restore and a
 * hard delete per row; TRUNCATE empties the count. The Verify API's writes to `license` (the slot statement)
 * never touch `deleted_at`, so they fire nothing.
 * Replaced by Migration20261212100000 (counts by status and expiry day), which drops this table and its triggers.
 */
export class Migration20261211100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "license_count_shard" ("shard" smallint PRIMARY KEY, "licenses" bigint NOT NULL);`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_add(delta bigint) RETURNS void AS $$
        INSERT INTO license_count_shard (shard, licenses) VALUES ((txid_current() % 16)::smallint, delta)
          ON CONFLICT (shard) DO UPDATE SET licenses = license_count_shard.licenses + EXCLUDED.licenses
      $$ LANGUAGE sql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_inserted() RETURNS trigger AS $$
      DECLARE added bigint;
      BEGIN
        SELECT count(*) INTO added FROM license_count_new WHERE deleted_at IS NULL;
        IF added > 0 THEN PERFORM license_count_add(added); END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_changed() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM license_count_add(-1);
        ELSE
          PERFORM license_count_add(CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION license_count_truncated() RETURNS trigger AS $$
      BEGIN
        DELETE FROM license_count_shard;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;`)
    for (const trigger of ["license_count_inserted", "license_count_soft_deleted", "license_count_deleted", "license_count_truncated"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${trigger} ON "license";`)
    }
    this.addSql(`CREATE TRIGGER license_count_inserted AFTER INSERT ON "license" REFERENCING NEW TABLE AS license_count_new
      FOR EACH STATEMENT EXECUTE FUNCTION license_count_inserted();`)
    this.addSql(`CREATE TRIGGER license_count_soft_deleted AFTER UPDATE OF deleted_at ON "license" FOR EACH ROW
      WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION license_count_changed();`)
    this.addSql(`CREATE TRIGGER license_count_deleted AFTER DELETE ON "license" FOR EACH ROW
      WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION license_count_changed();`)
    this.addSql(`CREATE TRIGGER license_count_truncated AFTER TRUNCATE ON "license" FOR EACH STATEMENT EXECUTE FUNCTION license_count_truncated();`)
    // The licenses that exist now. Creating the triggers above locked the table against writes until this
    // migration commits, so none is counted twice or missed.
    this.addSql(`DELETE FROM "license_count_shard";`)
    this.addSql(`INSERT INTO "license_count_shard" (shard, licenses) SELECT 0, count(*) FROM "license" WHERE deleted_at IS NULL HAVING count(*) > 0;`)
  }

  override async down(): Promise<void> {
    for (const trigger of ["license_count_inserted", "license_count_soft_deleted", "license_count_deleted", "license_count_truncated"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${trigger} ON "license";`)
    }
    for (const fn of ["license_count_inserted()", "license_count_changed()", "license_count_truncated()", "license_count_add(bigint)"]) {
      this.addSql(`DROP FUNCTION IF EXISTS ${fn};`)
    }
    this.addSql(`DROP TABLE IF EXISTS "license_count_shard";`)
  }
}
