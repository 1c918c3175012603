import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Machine licensing (docs/verify-api.md "Who the caller is"): an activation may be a
 * machine, identified by the fingerprint its app derives, with the name it reports.
 *
 * Local and staging sites (docs/verify-api.md "Local and staging sites"): a policy's
 * `local_sites_free`, on for policies created from now on and off for existing ones (they
 * keep today's behaviour until the admin turns it on), snapshot on each key at issuance
 * (existing keys: off); the store-wide patterns in `license_store_setting` (one row).
 */
export class Migration20261207200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_activation" drop constraint if exists "license_activation_kind_check";`)
    this.addSql(`alter table if exists "license_activation" add constraint "license_activation_kind_check" check("kind" in ('domain', 'ip', 'machine'));`)
    this.addSql(`alter table if exists "license_activation" add column if not exists "name" text null;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "local_sites_free" boolean not null default false;`)
    this.addSql(`alter table if exists "license_policy" alter column "local_sites_free" set default true;`)
    this.addSql(`alter table if exists "license" add column if not exists "local_sites_free" boolean not null default false;`)
    this.addSql(`create table if not exists "license_store_setting" ("id" text not null, "local_site_patterns" text[] not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_store_setting_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_store_setting_deleted_at" ON "license_store_setting" ("deleted_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_store_setting" cascade;`)
    this.addSql(`alter table if exists "license" drop column if exists "local_sites_free";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "local_sites_free";`)
    this.addSql(`delete from "license_activation" where "kind" = 'machine';`)
    this.addSql(`alter table if exists "license_activation" drop column if exists "name";`)
    this.addSql(`alter table if exists "license_activation" drop constraint if exists "license_activation_kind_check";`)
    this.addSql(`alter table if exists "license_activation" add constraint "license_activation_kind_check" check("kind" in ('domain', 'ip'));`)
  }
}
