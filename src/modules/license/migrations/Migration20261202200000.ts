import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Expiry strategies, grace periods and the expiry basis (docs/renewals-and-upgrades.md
 * "Expiry, grace and trials"): the policy's fields, their snapshot on each license,
 * and grace_ends_at, kept by a trigger from expires_at and grace_days whoever writes
 * them (issuance, the first activation, an admin edit, a renewal), so the admin's
 * "in grace" filter is a plain indexed comparison.
 */
export class Migration20261202200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "expiry_strategy" text not null default 'revoke_access';`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "grace_days" integer not null default 0;`)
    this.addSql(`alter table if exists "license_policy" add column if not exists "expiry_basis" text not null default 'from_issuance';`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_expiry_strategy_check" check ("expiry_strategy" in ('revoke_access', 'maintain_access'));`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_grace_days_check" check ("grace_days" >= 0 AND "grace_days" <= 365);`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_expiry_basis_check" check ("expiry_basis" in ('from_issuance', 'from_first_activation'));`)

    this.addSql(`alter table if exists "license" add column if not exists "expiry_strategy" text not null default 'revoke_access';`)
    this.addSql(`alter table if exists "license" add column if not exists "grace_days" integer not null default 0;`)
    this.addSql(`alter table if exists "license" add column if not exists "expiry_basis" text not null default 'from_issuance';`)
    this.addSql(`alter table if exists "license" add column if not exists "activation_term_days" integer null;`)
    this.addSql(`alter table if exists "license" add column if not exists "grace_ends_at" timestamptz null;`)
    this.addSql(`alter table if exists "license" add constraint "license_expiry_strategy_check" check ("expiry_strategy" in ('revoke_access', 'maintain_access'));`)
    this.addSql(`alter table if exists "license" add constraint "license_grace_days_check" check ("grace_days" >= 0 AND "grace_days" <= 365);`)
    this.addSql(`alter table if exists "license" add constraint "license_expiry_basis_check" check ("expiry_basis" in ('from_issuance', 'from_first_activation'));`)
    this.addSql(`alter table if exists "license" add constraint "license_activation_term_days_check" check ("activation_term_days" IS NULL OR "activation_term_days" > 0);`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_grace_ends_at" ON "license" ("grace_ends_at") WHERE grace_ends_at IS NOT NULL AND deleted_at IS NULL;`)

    this.addSql(`
      CREATE OR REPLACE FUNCTION license_set_grace_ends_at() RETURNS trigger AS $$
      BEGIN
        NEW.grace_ends_at := CASE
          WHEN NEW.expires_at IS NOT NULL AND NEW.grace_days > 0 THEN NEW.expires_at + make_interval(days => NEW.grace_days)
        END;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;`)
    this.addSql(`DROP TRIGGER IF EXISTS license_grace_ends_at ON "license";`)
    this.addSql(`CREATE TRIGGER license_grace_ends_at BEFORE INSERT OR UPDATE OF expires_at, grace_days, grace_ends_at ON "license" FOR EACH ROW EXECUTE FUNCTION license_set_grace_ends_at();`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS license_grace_ends_at ON "license";`)
    this.addSql(`DROP FUNCTION IF EXISTS license_set_grace_ends_at();`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_grace_ends_at";`)
    for (const c of ["expiry_strategy", "grace_days", "expiry_basis", "activation_term_days"]) {
      this.addSql(`alter table if exists "license" drop constraint if exists "license_${c}_check";`)
    }
    for (const c of ["expiry_strategy", "grace_days", "expiry_basis"]) {
      this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_${c}_check";`)
    }
    this.addSql(`alter table if exists "license" drop column if exists "grace_ends_at", drop column if exists "activation_term_days", drop column if exists "expiry_basis", drop column if exists "grace_days", drop column if exists "expiry_strategy";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "expiry_basis", drop column if exists "grace_days", drop column if exists "expiry_strategy";`)
  }
}
