import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The daily verify quota (docs/product-controls.md "Daily verify quota"):
 * - `license_product_setting.daily_verify_quota`: verify calls per UTC day the product's keys
 *   may make; 0 (the default) = no quota.
 * - `license_quota_day`: the exact counter per product and UTC day, written by one atomic
 *   UPSERT per counted call (sql/quota.ts), only for products whose quota is above 0.
 */
export class Migration20261208100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_product_setting" add column if not exists "daily_verify_quota" integer not null default 0;`)
    this.addSql(`alter table if exists "license_product_setting" add constraint "license_product_setting_daily_verify_quota_check" check ("daily_verify_quota" >= 0);`)
    this.addSql(`create table if not exists "license_quota_day" ("id" text not null, "product_id" text not null, "day" text not null, "count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_quota_day_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_quota_day_deleted_at" ON "license_quota_day" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_quota_day_product_id_day_unique" ON "license_quota_day" ("product_id", "day") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_quota_day" cascade;`)
    this.addSql(`alter table if exists "license_product_setting" drop constraint if exists "license_product_setting_daily_verify_quota_check";`)
    this.addSql(`alter table if exists "license_product_setting" drop column if exists "daily_verify_quota";`)
  }
}
