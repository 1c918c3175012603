import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Configuration errors (docs/verify-api.md "Configuration errors"):
 * - `license_product_setting.product_deleted_at`: set when the Medusa product is deleted
 *   (subscriber product.deleted), so the Verify lookup reads it in the settings row it already
 *   joins and answers `configuration_error` (`product_deleted`) without a new query.
 * - Products deleted before this migration that have licenses are marked from the product
 *   table, when that table is in the same database.
 * - `license.suspension`: why a suspended license is suspended, `billing` (the system, over a
 *   payment dispute) or `manual` (an admin); null when not suspended. Licenses suspended before
 *   this migration take it from their latest `suspended` event's actor.
 * - `license_product_setting.ip_enforcement`: which identity counts toward the cap,
 *   `domain_or_ip` (default, as before), `domain_only` or `ip_only` (docs/product-controls.md).
 */
export class Migration20261207600000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_product_setting" add column if not exists "product_deleted_at" timestamptz null;`)
    this.addSql(`DO $$
BEGIN
  IF to_regclass('product') IS NOT NULL THEN
    INSERT INTO license_product_setting (id, product_id, product_deleted_at, created_at, updated_at)
    SELECT 'lpset_' || md5(p.id), p.id, p.deleted_at, now(), now()
      FROM product p
     WHERE p.deleted_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM license l WHERE l.product_id = p.id AND l.deleted_at IS NULL)
    ON CONFLICT (product_id) WHERE deleted_at IS NULL
    DO UPDATE SET product_deleted_at = EXCLUDED.product_deleted_at;
  END IF;
END $$;`)
    this.addSql(`alter table if exists "license" add column if not exists "suspension" text null;`)
    this.addSql(`alter table if exists "license" drop constraint if exists "license_suspension_check";`)
    this.addSql(`alter table if exists "license" add constraint "license_suspension_check" check("suspension" in ('billing', 'manual'));`)
    this.addSql(`UPDATE license l
       SET suspension = CASE WHEN e.actor_type = 'admin' THEN 'manual' ELSE 'billing' END
      FROM (SELECT DISTINCT ON (license_id) license_id, actor_type FROM license_event
             WHERE type = 'suspended' AND deleted_at IS NULL ORDER BY license_id, created_at DESC) e
     WHERE e.license_id = l.id AND l.status = 'suspended' AND l.suspension IS NULL;`)
    this.addSql(`alter table if exists "license_product_setting" add column if not exists "ip_enforcement" text not null default 'domain_or_ip';`)
    this.addSql(`alter table if exists "license_product_setting" drop constraint if exists "license_product_setting_ip_enforcement_check";`)
    this.addSql(`alter table if exists "license_product_setting" add constraint "license_product_setting_ip_enforcement_check" check("ip_enforcement" in ('domain_or_ip', 'domain_only', 'ip_only'));`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_product_setting" drop constraint if exists "license_product_setting_ip_enforcement_check";`)
    this.addSql(`alter table if exists "license_product_setting" drop column if exists "ip_enforcement";`)
    this.addSql(`alter table if exists "license" drop constraint if exists "license_suspension_check";`)
    this.addSql(`alter table if exists "license" drop column if exists "suspension";`)
    this.addSql(`alter table if exists "license_product_setting" drop column if exists "product_deleted_at";`)
  }
}
