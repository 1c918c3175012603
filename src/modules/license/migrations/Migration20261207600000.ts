import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Configuration errors (docs/verify-api.md "Configuration errors"):
 * - `license_product_setting.product_deleted_at`: set when the Medusa product is deleted
 *   (subscriber product.deleted), so the Verify lookup reads it in the settings row it already
 *   joins and answers `configuration_error` (`product_deleted`) without a new query.
 * - Products deleted before this migration that have licenses are marked from the product
 *   table, when that table is in the same database.
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
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "license_product_setting" drop column if exists "product_deleted_at";`)
  }
}
