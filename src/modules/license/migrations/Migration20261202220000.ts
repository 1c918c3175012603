import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Trial conversion (docs/renewals-and-upgrades.md "Expiry, grace and trials"): when a trial
 * key became a paid key, and by which order, so a refund of that order rolls it back.
 */
/** The event types before this migration (Migration20261123060941). */
const EVENT_TYPES = ["issued", "activated", "activation_refused", "deactivated", "reset", "revoked", "suspended", "reinstated", "updated", "transferred"]

export class Migration20261202220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license" add column if not exists "trial_converted_at" timestamptz null;`)
    this.addSql(`alter table if exists "license" add column if not exists "trial_conversion_order_id" text null;`)
    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`)
    this.addSql(`alter table if exists "license_event" add constraint "license_event_type_check" check("type" in (${EVENT_TYPES.map((t) => `'${t}'`).join(", ")}, 'trial_converted', 'trial_conversion_rolled_back'));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_trial_conversion_order_id" ON "license" ("trial_conversion_order_id") WHERE trial_conversion_order_id IS NOT NULL AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`)
    this.addSql(`alter table if exists "license_event" add constraint "license_event_type_check" check("type" in (${EVENT_TYPES.map((t) => `'${t}'`).join(", ")}));`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_trial_conversion_order_id";`)
    this.addSql(`alter table if exists "license" drop column if exists "trial_conversion_order_id", drop column if exists "trial_converted_at";`)
  }
}
