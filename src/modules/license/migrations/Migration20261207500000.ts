import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Entitlements (docs/entitlements-and-license-files.md): named feature codes on a policy
 * (`license_policy.entitlements`) and the key's snapshot of them, edited by the admin
 * (`license.entitlements`, read by the Verify lookup). No new event type: an edit is an
 * `updated` event with the before and after codes.
 */
export class Migration20261207500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "entitlements" text[] not null default '{}';`)
    this.addSql(`alter table if exists "license" add column if not exists "entitlements" text[] not null default '{}';`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license" drop column if exists "entitlements";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "entitlements";`)
  }
}
