import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Stripe webhook idempotency and dispute outcomes (docs/revocation.md). */
export class Migration20261201500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_stripe_event" ("id" text not null, "stripe_event_id" text not null, "type" text not null, "order_id" text null, "processed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_stripe_event_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_stripe_event_deleted_at" ON "license_stripe_event" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_stripe_event_stripe_event_id_unique" ON "license_stripe_event" ("stripe_event_id") WHERE deleted_at IS NULL;`)

    this.addSql(`create table if not exists "license_stripe_dispute" ("id" text not null, "dispute_id" text not null, "payment_intent_id" text not null, "order_id" text null, "status" text not null, "opened_at" timestamptz null, "closed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_stripe_dispute_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_stripe_dispute_deleted_at" ON "license_stripe_dispute" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_stripe_dispute_dispute_id_unique" ON "license_stripe_dispute" ("dispute_id") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_stripe_dispute" cascade;`)
    this.addSql(`drop table if exists "license_stripe_event" cascade;`)
  }
}
