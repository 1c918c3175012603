import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Renewal extensions, one per order line item (docs/renewals-and-upgrades.md). */
export class Migration20261202101000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_renewal" ("id" text not null, "license_id" text not null, "order_id" text not null, "line_item_id" text not null, "terms" integer not null default 1, "term_days" integer not null, "basis" text check ("basis" in ('from_expiry', 'from_now_if_expired')) not null, "previous_expires_at" timestamptz not null, "new_expires_at" timestamptz not null, "rolled_back_at" timestamptz null, "rolled_back_reason" text null, "rolled_back_expires_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_renewal_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_renewal_deleted_at" ON "license_renewal" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_renewal_line_item_id_unique" ON "license_renewal" ("line_item_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_renewal_license_id_created_at" ON "license_renewal" ("license_id", "created_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_renewal_order_id" ON "license_renewal" ("order_id") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_renewal" cascade;`)
  }
}
