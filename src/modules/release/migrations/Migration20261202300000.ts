import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Releases of licensed products and their download counts (docs/software-delivery.md). */
export class Migration20261202300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "license_release" ("id" text not null, "product_id" text not null, "version" text not null, "channel" text check ("channel" in ('stable', 'beta', 'alpha')) not null default 'stable', "status" text check ("status" in ('draft', 'published', 'yanked')) not null default 'draft', "changelog" text null, "wp_requires" text null, "wp_tested" text null, "wp_requires_php" text null, "published_at" timestamptz null, "yanked_at" timestamptz null, "artifact_file_id" text not null, "artifact_name" text not null, "artifact_size" integer not null, "artifact_sha256" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_release_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_release_deleted_at" ON "license_release" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_release_product_id_channel_version_unique" ON "license_release" ("product_id", "channel", "version") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_release_product_id_status" ON "license_release" ("product_id", "status") WHERE deleted_at IS NULL;`)

    this.addSql(`create table if not exists "license_release_download" ("id" text not null, "release_id" text not null, "license_id" text not null, "count" integer not null default 0, "last_downloaded_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "license_release_download_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_release_download_deleted_at" ON "license_release_download" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_license_release_download_release_id_license_id_unique" ON "license_release_download" ("release_id", "license_id") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "license_release_download" cascade;`)
    this.addSql(`drop table if exists "license_release" cascade;`)
  }
}
