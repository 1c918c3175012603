import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** A release may require an entitlement code of the key (docs/software-delivery.md "Releases that require an entitlement"). */
export class Migration20261208200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_release" add column if not exists "required_entitlement" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_release" drop column if exists "required_entitlement";`)
  }
}
