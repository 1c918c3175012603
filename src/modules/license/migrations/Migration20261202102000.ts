import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Renewal reminders: one per license, offset and expiry value (docs/renewals-and-upgrades.md). */
export class Migration20261202102000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_renewal_reminder" ("id" text not null, "license_id" text not null, "offset_days" integer not null, "expires_at" timestamptz not null, "sent_at" timestamptz null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_renewal_reminder_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_renewal_reminder_deleted_at" ON "license_renewal_reminder" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_renewal_reminder_license_id_offset_days_expires_at_unique" ON "license_renewal_reminder" ("license_id", "offset_days", "expires_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_renewal_reminder_sent_at" ON "license_renewal_reminder" ("sent_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_renewal_reminder" cascade;`)
  }
}
