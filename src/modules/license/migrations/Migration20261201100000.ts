import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Delivery state of the e-mail that sends an order's keys (README "Issuance"). */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_issuance_notice" ("id" text not null, "order_id" text not null, "status" text check ("status" in ('pending', 'sending', 'sent', 'failed')) not null default 'pending', "attempts" integer not null default 0, "sends" integer not null default 0, "next_attempt_at" timestamptz null, "lease_until" timestamptz null, "last_attempt_at" timestamptz null, "last_error" text null, "sent_at" timestamptz null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_issuance_notice_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_issuance_notice_deleted_at" ON "license_issuance_notice" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_issuance_notice_order_id_unique" ON "license_issuance_notice" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_issuance_notice_status_next_attempt_at" ON "license_issuance_notice" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_issuance_notice" cascade;`)
  }
}
