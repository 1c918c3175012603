import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Entitlements (docs/entitlements-and-license-files.md): named feature codes on a policy
 * (`license_policy.entitlements`) and the key's snapshot of them, edited by the admin
 * (`license.entitlements`, read by the Verify lookup). No new event type: an edit is an
 * `updated` event with the before and after codes.
 * Offline license files: a policy's file TTL in hours (`license_policy.license_file_ttl_hours`,
 * at least 1, default 720 = 30 days).
 */
export class Migration20261207500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "entitlements" text[] not null default '{}';`)
    this.addSql(`alter table if exists "license" add column if not exists "entitlements" text[] not null default '{}';`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "license_file_ttl_hours" integer not null default 720;`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_license_file_ttl_hours_check" check ("license_file_ttl_hours" >= 1);`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_license_file_ttl_hours_check";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "license_file_ttl_hours";`)
    this.addSql(`alter table if exists "license" drop column if exists "entitlements";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "entitlements";`)
  }
}
