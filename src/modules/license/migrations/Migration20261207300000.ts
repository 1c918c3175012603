import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Coming from KeyPort (docs/migrating-from-keyport.md):
 * - a license's customer identity may carry a Discord user id, snapshot at issuance and
 *   editable by the admin (`license.customer_discord_id`, searched exactly);
 * - per-product webhooks switch (`license_product_setting.webhooks_enabled`, default on);
 * - a webhook endpoint marked KeyPort-compatible also gets `X-KeyPort-Signature`
 *   (`license_webhook_endpoint.keyport_compatible`, default off).
 */
export class Migration20261207300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license" add column if not exists "customer_discord_id" text null;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_customer_discord_id" ON "license" ("customer_discord_id") WHERE customer_discord_id IS NOT NULL AND deleted_at IS NULL;`)
    this.addSql(`alter table if exists "license_product_setting" add column if not exists "webhooks_enabled" boolean not null default true;`)
    this.addSql(`alter table if exists "license_webhook_endpoint" add column if not exists "keyport_compatible" boolean not null default false;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_webhook_endpoint" drop column if exists "keyport_compatible";`)
    this.addSql(`alter table if exists "license_product_setting" drop column if exists "webhooks_enabled";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_customer_discord_id";`)
    this.addSql(`alter table if exists "license" drop column if exists "customer_discord_id";`)
  }
}
