import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Per-product license controls and daily usage (docs/product-controls.md). */
export class Migration20261123080531 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license" add column if not exists "version_mode" text check ("version_mode" in ('off', 'pinned', 'range')) null, add column if not exists "version_pinned" text null, add column if not exists "version_range" text null, add column if not exists "custom_data" jsonb null, add column if not exists "blocked_domains" text[] null, add column if not exists "blocked_ips" text[] null;`)

    this.addSql(`create table if not exists "license_product_setting" ("id" text not null, "product_id" text not null, "require_api_key" boolean not null default false, "api_key_hash" text null, "api_key_prefix" text null, "api_key_created_at" timestamptz null, "enforce_activation_limit" boolean not null default true, "enforce_expiry" boolean not null default true, "sign_answers" boolean not null default true, "version_mode" text check ("version_mode" in ('off', 'pinned', 'range')) not null default 'off', "version_pinned" text null, "version_range" text null, "custom_data" jsonb null, "archived_at" timestamptz null, "blocked_domains" text[] not null default '{}', "blocked_ips" text[] not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_product_setting_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_product_setting_deleted_at" ON "license_product_setting" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_product_setting_product_id_unique" ON "license_product_setting" ("product_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_product_setting_api_key_hash_unique" ON "license_product_setting" ("api_key_hash") WHERE api_key_hash IS NOT NULL AND deleted_at IS NULL;`)

    this.addSql(`create table if not exists "license_usage_day" ("id" text not null, "product_id" text not null, "day" text not null, "code" text not null, "count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_usage_day_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_usage_day_deleted_at" ON "license_usage_day" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_usage_day_product_id_day_code_unique" ON "license_usage_day" ("product_id", "day", "code") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_usage_day" cascade;`)
    this.addSql(`drop table if exists "license_product_setting" cascade;`)
    this.addSql(`alter table if exists "license" drop column if exists "version_mode", drop column if exists "version_pinned", drop column if exists "version_range", drop column if exists "custom_data", drop column if exists "blocked_domains", drop column if exists "blocked_ips";`)
  }
}
