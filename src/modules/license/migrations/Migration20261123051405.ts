import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123051405 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_variant_id_unique";`);
    this.addSql(`alter table if exists "license" drop constraint if exists "license_line_item_id_unit_index_unique";`);
    this.addSql(`alter table if exists "license" drop constraint if exists "license_key_hash_unique";`);
    this.addSql(`create table if not exists "license" ("id" text not null, "key_hash" text not null, "key_encrypted" text not null, "key_hint" text not null, "status" text check ("status" in ('active', 'suspended', 'revoked')) not null default 'active', "customer_id" text null, "customer_email" text null, "order_id" text null, "order_display_id" integer null, "line_item_id" text null, "unit_index" integer not null default 0, "product_id" text null, "variant_id" text null, "product_title" text null, "variant_title" text null, "expires_at" timestamptz null, "max_activations" integer not null default 1, "activations_used" integer not null default 0, "notes" text null, "revoked_at" timestamptz null, "revoke_reason" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_pkey" primary key ("id"), constraint license_max_activations_check check (max_activations >= 0), constraint license_activations_used_check check (activations_used >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_deleted_at" ON "license" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_key_hash_unique" ON "license" ("key_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_line_item_id_unit_index_unique" ON "license" ("line_item_id", "unit_index") WHERE line_item_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_key_hint" ON "license" ("key_hint") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_customer_id" ON "license" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_customer_email" ON "license" ("customer_email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_order_id" ON "license" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_order_display_id" ON "license" ("order_display_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_product_id" ON "license" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_variant_id" ON "license" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_status" ON "license" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_expires_at" ON "license" ("expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_activation" ("id" text not null, "kind" text check ("kind" in ('domain', 'ip')) not null, "identifier" text not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "last_ip" text null, "released_at" timestamptz null, "license_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_activation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_activation_license_id" ON "license_activation" ("license_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_activation_deleted_at" ON "license_activation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_activation_held_identity" ON "license_activation" ("license_id", "kind", "identifier") WHERE released_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_event" ("id" text not null, "type" text check ("type" in ('issued', 'activated', 'activation_refused', 'deactivated', 'reset', 'revoked', 'suspended', 'reinstated', 'updated')) not null, "actor_type" text check ("actor_type" in ('system', 'admin', 'customer', 'installed_product')) not null, "actor_id" text null, "data" jsonb null, "license_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_event_license_id" ON "license_event" ("license_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_event_deleted_at" ON "license_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_event_license_id_created_at" ON "license_event" ("license_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "license_policy" ("id" text not null, "variant_id" text not null, "product_id" text not null, "licensed" boolean not null default false, "max_activations" integer not null default 1, "term_days" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_policy_pkey" primary key ("id"), constraint license_policy_max_activations_check check (max_activations >= 0), constraint license_policy_term_days_check check (term_days IS NULL OR term_days > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_policy_deleted_at" ON "license_policy" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_policy_variant_id_unique" ON "license_policy" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_policy_product_id" ON "license_policy" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "license_activation" add constraint "license_activation_license_id_foreign" foreign key ("license_id") references "license" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "license_event" add constraint "license_event_license_id_foreign" foreign key ("license_id") references "license" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_activation" drop constraint if exists "license_activation_license_id_foreign";`);

    this.addSql(`alter table if exists "license_event" drop constraint if exists "license_event_license_id_foreign";`);

    this.addSql(`drop table if exists "license" cascade;`);

    this.addSql(`drop table if exists "license_activation" cascade;`);

    this.addSql(`drop table if exists "license_event" cascade;`);

    this.addSql(`drop table if exists "license_policy" cascade;`);
  }

}
