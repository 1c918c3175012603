import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Machine licensing (docs/verify-api.md "Who the caller is"): an activation may be a
 * machine, identified by the fingerprint its app derives, with the name it reports.
 */
export class Migration20261207200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_activation" drop constraint if exists "license_activation_kind_check";`)
    this.addSql(`alter table if exists "license_activation" add constraint "license_activation_kind_check" check("kind" in ('domain', 'ip', 'machine'));`)
    this.addSql(`alter table if exists "license_activation" add column if not exists "name" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "license_activation" where "kind" = 'machine';`)
    this.addSql(`alter table if exists "license_activation" drop column if exists "name";`)
    this.addSql(`alter table if exists "license_activation" drop constraint if exists "license_activation_kind_check";`)
    this.addSql(`alter table if exists "license_activation" add constraint "license_activation_kind_check" check("kind" in ('domain', 'ip'));`)
  }
}
