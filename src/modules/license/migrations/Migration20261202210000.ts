import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Trials (docs/renewals-and-upgrades.md "Expiry, grace and trials"): the policy's trial flag,
 * and on a trial key the lower-cased e-mail it was issued to. The unique index is the rule
 * "one trial per customer e-mail per product" in PostgreSQL, whatever path issues keys.
 */
export class Migration20261202210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "trial" boolean not null default false;`)
    this.addSql(`alter table if exists "license" add column if not exists "trial_email" text null;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_trial_email_product_unique" ON "license" ("product_id", "trial_email") WHERE trial_email IS NOT NULL AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_trial_email_product_unique";`)
    this.addSql(`alter table if exists "license" drop column if exists "trial_email";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "trial";`)
  }
}
