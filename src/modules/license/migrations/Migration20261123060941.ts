import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123060941 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_webhook_delivery" drop constraint if exists "license_webhook_delivery_endpoint_id_event_id_unique";`);
    this.addSql(`alter table if exists "license_expiry_notice" drop constraint if exists "license_expiry_notice_license_id_expires_at_unique";`);
    this.addSql(`create table if not exists "license_expiry_notice" ("id" text not null, "license_id" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_expiry_notice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_expiry_notice_deleted_at" ON "license_expiry_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_expiry_notice_license_id_expires_at_unique" ON "license_expiry_notice" ("license_id", "expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_transfer_request" ("id" text not null, "license_id" text not null, "from_customer_id" text null, "from_email" text null, "to_email" text not null, "to_customer_id" text null, "status" text check ("status" in ('pending', 'approved', 'denied', 'canceled')) not null default 'pending', "requested_by_type" text check ("requested_by_type" in ('customer', 'admin')) not null, "requested_by_id" text null, "note" text null, "decided_by" text null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_transfer_request_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_transfer_request_deleted_at" ON "license_transfer_request" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_transfer_request_one_pending" ON "license_transfer_request" ("license_id") WHERE status = 'pending' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_transfer_request_license_id_created_at" ON "license_transfer_request" ("license_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_transfer_request_status_created_at" ON "license_transfer_request" ("status", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_webhook_endpoint" ("id" text not null, "url" text not null, "description" text null, "events" text[] not null, "enabled" boolean not null default true, "secret_encrypted" text not null, "secret_hint" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_endpoint_deleted_at" ON "license_webhook_endpoint" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_webhook_delivery" ("id" text not null, "event_id" text not null, "type" text not null, "license_id" text null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'sending', 'succeeded', 'failed')) not null default 'pending', "attempts" integer not null default 0, "response_code" integer null, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_error" text null, "endpoint_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_endpoint_id" ON "license_webhook_delivery" ("endpoint_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_deleted_at" ON "license_webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_due" ON "license_webhook_delivery" ("next_attempt_at") WHERE status IN ('pending', 'sending') AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_endpoint_id_event_id_unique" ON "license_webhook_delivery" ("endpoint_id", "event_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_endpoint_id_created_at" ON "license_webhook_delivery" ("endpoint_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_webhook_delivery_license_id" ON "license_webhook_delivery" ("license_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "license_webhook_delivery" add constraint "license_webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "license_webhook_endpoint" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`);

    this.addSql(`alter table if exists "license_event" add constraint "license_event_type_check" check("type" in ('issued', 'activated', 'activation_refused', 'deactivated', 'reset', 'revoked', 'suspended', 'reinstated', 'updated', 'transferred'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_webhook_delivery" drop constraint if exists "license_webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`drop table if exists "license_expiry_notice" cascade;`);

    this.addSql(`drop table if exists "license_transfer_request" cascade;`);

    this.addSql(`drop table if exists "license_webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "license_webhook_delivery" cascade;`);

    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`);

    this.addSql(`alter table if exists "license_event" add constraint "license_event_type_check" check("type" in ('issued', 'activated', 'activation_refused', 'deactivated', 'reset', 'revoked', 'suspended', 'reinstated', 'updated'));`);
  }

}
