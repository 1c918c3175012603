import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * What revocation did to an order, read by issuance under the per-order lock;
 * how far the issuance reconciliation got.
 */
export class Migration20261201000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_order_revocation" ("id" text not null, "order_id" text not null, "line_item_id" text null, "reason" text not null, "returned_quantity" integer null, "keys_revoked" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_order_revocation_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_order_revocation_deleted_at" ON "license_order_revocation" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_order_revocation_order_id" ON "license_order_revocation" ("order_id") WHERE deleted_at IS NULL;`)
    // What revocation already did before this table existed: orders refunded or
    // canceled, and the keys each line's returns revoked.
    this.addSql(`insert into "license_order_revocation" ("id", "order_id", "line_item_id", "reason")
      select 'lorv_' || md5(order_id), order_id, null, min(revoke_reason) from "license"
       where deleted_at is null and order_id is not null and revoke_reason in ('refund', 'canceled')
       group by order_id;`)
    this.addSql(`insert into "license_order_revocation" ("id", "order_id", "line_item_id", "reason", "returned_quantity", "keys_revoked")
      select 'lorv_' || md5(line_item_id), min(order_id), line_item_id, 'return', count(*), count(*) from "license"
       where deleted_at is null and order_id is not null and line_item_id is not null and revoke_reason = 'return'
       group by line_item_id;`)

    this.addSql(`create table if not exists "license_job_cursor" ("id" text not null, "name" text not null, "reached_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_job_cursor_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_job_cursor_deleted_at" ON "license_job_cursor" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_job_cursor_name_unique" ON "license_job_cursor" ("name") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_job_cursor" cascade;`)
    this.addSql(`drop table if exists "license_order_revocation" cascade;`)
  }
}
