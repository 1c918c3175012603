import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Upgrades (docs/renewals-and-upgrades.md "Upgrades"): a policy's upgrade paths, the license_upgrade table (one row
 * per upgrade order line, the unique line item making order.placed apply it once) and the two history event types.
 */
/** The event types before this migration (Migration20261202220000). */
const EVENT_TYPES = [
  "issued", "activated", "activation_refused", "deactivated", "reset", "revoked", "suspended", "reinstated", "updated", "transferred",
  "trial_converted", "trial_conversion_rolled_back",
]
const typeCheck = (types: string[]) =>
  `alter table if exists "license_event" add constraint "license_event_type_check" check("type" in (${types.map((t) => `'${t}'`).join(", ")}));`

export class Migration20261207100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "upgrade_paths" text[] null;`)
    this.addSql(`create table if not exists "license_upgrade" ("id" text not null, "license_id" text not null, "order_id" text not null, "line_item_id" text not null, "from_variant_id" text not null, "to_variant_id" text not null, "previous" jsonb not null, "applied" jsonb not null, "rolled_back_at" timestamptz null, "rolled_back_reason" text null, "released_activations" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_upgrade_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_upgrade_deleted_at" ON "license_upgrade" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_upgrade_line_item_id_unique" ON "license_upgrade" ("line_item_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_upgrade_license_id_created_at" ON "license_upgrade" ("license_id", "created_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_upgrade_order_id" ON "license_upgrade" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`)
    this.addSql(typeCheck([...EVENT_TYPES, "upgraded", "upgrade_rolled_back"]))
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_type_check";`)
    this.addSql(typeCheck(EVENT_TYPES))
    this.addSql(`drop table if exists "license_upgrade" cascade;`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "upgrade_paths";`)
  }
}
