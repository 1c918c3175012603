import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Marks products deleted in Medusa on their licensing settings row (created if missing, only
 * for a product that has licenses), so the Verify lookup answers `configuration_error`
 * (rules/configuration-errors.ts). Answers the products whose mark changed.
 */
export async function markProductsDeleted(trx: Knex.Transaction, productIds: string[]): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: { product_id: string }[] }>(
    `INSERT INTO license_product_setting (id, product_id, product_deleted_at, created_at, updated_at)
     SELECT 'lpset_' || md5(p.id || clock_timestamp()::text), p.id, now(), now(), now()
       FROM unnest(?::text[]) AS p(id)
      WHERE EXISTS (SELECT 1 FROM license l WHERE l.product_id = p.id AND l.deleted_at IS NULL)
     ON CONFLICT (product_id) WHERE deleted_at IS NULL
     DO UPDATE SET product_deleted_at = now(), updated_at = now()
      WHERE license_product_setting.product_deleted_at IS NULL
     RETURNING product_id`,
    [productIds]
  )
  return rows.map((r) => r.product_id)
}

/** Clears the mark (the compensation of markProductsDeleted). */
export async function unmarkProductsDeleted(trx: Knex.Transaction, productIds: string[]): Promise<void> {
  await trx.raw(
    `UPDATE license_product_setting SET product_deleted_at = NULL, updated_at = now()
      WHERE product_id = ANY(?::text[]) AND deleted_at IS NULL`,
    [productIds]
  )
}
