import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Deactivation budget and history retention (docs/admin.md "Deactivation budget",
 * "History retention"): the policy's and the license's budget, who released an
 * activation, and the indexes the budget count, the paged detail and the
 * pruning job read.
 */
export class Migration20261201300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "deactivations_per_30_days" integer null;`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_deactivations_per_30_days_check" check ("deactivations_per_30_days" IS NULL OR "deactivations_per_30_days" >= 0);`)
    this.addSql(`alter table if exists "license" add column if not exists "deactivations_per_30_days" integer null;`)
    this.addSql(`alter table if exists "license" add constraint "license_deactivations_per_30_days_check" check ("deactivations_per_30_days" IS NULL OR "deactivations_per_30_days" >= 0);`)
    this.addSql(`alter table if exists "license_activation" add column if not exists "released_by" text null;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_activation_license_released" ON "license_activation" ("license_id", "released_at") WHERE released_at IS NOT NULL AND deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_activation_released_at" ON "license_activation" ("released_at") WHERE released_at IS NOT NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_event_churn_created_at" ON "license_event" ("created_at") WHERE type IN ('activated', 'deactivated', 'activation_refused');`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_event_churn_created_at";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_activation_released_at";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_activation_license_released";`)
    this.addSql(`alter table if exists "license_activation" drop column if exists "released_by";`)
    this.addSql(`alter table if exists "license" drop constraint if exists "license_deactivations_per_30_days_check";`)
    this.addSql(`alter table if exists "license" drop column if exists "deactivations_per_30_days";`)
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_deactivations_per_30_days_check";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "deactivations_per_30_days";`)
  }
}
