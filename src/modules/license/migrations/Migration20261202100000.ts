import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Renewal fields and reminder offsets of a variant's license policy (docs/renewals-and-upgrades.md). */
export class Migration20261202100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewable" boolean not null default false;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewal_price_type" text check ("renewal_price_type" in ('percent_off', 'fixed')) not null default 'percent_off';`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewal_discount_percent" integer not null default 0;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewal_fixed_price" numeric null;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "raw_renewal_fixed_price" jsonb null;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewal_term_days" integer null;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "renewal_basis" text check ("renewal_basis" in ('from_expiry', 'from_now_if_expired')) not null default 'from_expiry';`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "reminder_offsets_days" jsonb null;`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_renewal_discount_percent_check" check ("renewal_discount_percent" >= 0 AND "renewal_discount_percent" <= 100);`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_renewal_term_days_check" check ("renewal_term_days" IS NULL OR "renewal_term_days" > 0);`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_renewal_term_days_check";`)
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_renewal_discount_percent_check";`)
    for (const column of ["reminder_offsets_days", "renewal_basis", "renewal_term_days", "raw_renewal_fixed_price", "renewal_fixed_price", "renewal_discount_percent", "renewal_price_type", "renewable"]) {
      this.addSql(`alter table if exists "license_policy" drop column if exists "${column}";`)
    }
  }
}
