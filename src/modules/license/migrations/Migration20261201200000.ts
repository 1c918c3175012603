import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Transfer claims (docs/transfers.md): approval sends a one-time claim link
 * instead of moving the license. A request waits in `awaiting_claim` (and may
 * end `expired`); at most one open (pending or awaiting_claim) request per license.
 */
export class Migration20261201200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_transfer_claim" ("id" text not null, "transfer_request_id" text not null, "license_id" text not null, "from_customer_id" text null, "to_email" text not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "used_by_customer_id" text null, "canceled_at" timestamptz null, "canceled_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_transfer_claim_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_transfer_claim_deleted_at" ON "license_transfer_claim" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_transfer_claim_token_hash_unique" ON "license_transfer_claim" ("token_hash") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_transfer_claim_transfer_request_id" ON "license_transfer_claim" ("transfer_request_id") WHERE deleted_at IS NULL;`)

    this.addSql(`alter table if exists "license_transfer_request" drop constraint if exists "license_transfer_request_status_check";`)
    this.addSql(`alter table if exists "license_transfer_request" add constraint "license_transfer_request_status_check" check ("status" in ('pending', 'awaiting_claim', 'approved', 'denied', 'canceled', 'expired'));`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_transfer_request_one_pending";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_transfer_request_one_pending" ON "license_transfer_request" ("license_id") WHERE status IN ('pending', 'awaiting_claim') AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_transfer_claim" cascade;`)
    this.addSql(`update "license_transfer_request" set "status" = 'canceled' where "status" in ('awaiting_claim', 'expired');`)
    this.addSql(`alter table if exists "license_transfer_request" drop constraint if exists "license_transfer_request_status_check";`)
    this.addSql(`alter table if exists "license_transfer_request" add constraint "license_transfer_request_status_check" check ("status" in ('pending', 'approved', 'denied', 'canceled'));`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_transfer_request_one_pending";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_transfer_request_one_pending" ON "license_transfer_request" ("license_id") WHERE status = 'pending' AND deleted_at IS NULL;`)
  }
}
