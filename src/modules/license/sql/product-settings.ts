import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { ProductSettingsRow } from "../rules/product-settings"

/** The SQL of license_product_setting (controls/settings.ts; the Verify API reads it in its lookup). */

const COLUMNS = `product_id, require_api_key, api_key_hash, api_key_prefix, api_key_created_at,
  enforce_activation_limit, enforce_expiry, sign_answers, version_mode, version_pinned, version_range,
  custom_data, archived_at, blocked_domains, blocked_ips, webhooks_enabled, ip_enforcement, daily_verify_quota`

export async function findProductSettings(db: Knex | Knex.Transaction, productId: string): Promise<ProductSettingsRow | null> {
  const { rows } = await db.raw(
    `SELECT ${COLUMNS} FROM license_product_setting WHERE product_id = ? AND deleted_at IS NULL`,
    [productId]
  )
  return rows[0] ?? null
}

/** Whether the product's licenses send webhooks (its switch; no row = on). */
export async function productWebhooksEnabled(db: Knex, productId: string): Promise<boolean> {
  const { rows } = await db.raw(
    `SELECT webhooks_enabled FROM license_product_setting WHERE product_id = ? AND deleted_at IS NULL`,
    [productId]
  )
  return rows[0]?.webhooks_enabled ?? true
}

/** The product whose API key hashes to `hash`, if any. */
export async function findProductByApiKeyHash(db: Knex, hash: string): Promise<string | null> {
  const { rows } = await db.raw(
    `SELECT product_id FROM license_product_setting WHERE api_key_hash = ? AND deleted_at IS NULL`,
    [hash]
  )
  return rows[0]?.product_id ?? null
}

/**
 * The product's row, created with the defaults if missing, locked for the rest
 * of the transaction: concurrent first saves do not collide, and concurrent
 * edits apply one after the other.
 */
export async function lockProductSettings(trx: Knex.Transaction, productId: string): Promise<ProductSettingsRow> {
  await trx.raw(
    `INSERT INTO license_product_setting (id, product_id, created_at, updated_at)
     VALUES (?, ?, now(), now())
     ON CONFLICT (product_id) WHERE deleted_at IS NULL DO NOTHING`,
    [entityId("lpset"), productId]
  )
  const { rows } = await trx.raw(
    `SELECT ${COLUMNS} FROM license_product_setting WHERE product_id = ? AND deleted_at IS NULL FOR UPDATE`,
    [productId]
  )
  return rows[0]
}

/** Writes the given columns of the product's (locked) row. */
export async function writeProductSettings(
  trx: Knex.Transaction,
  productId: string,
  values: Partial<Omit<ProductSettingsRow, "product_id">>
): Promise<ProductSettingsRow> {
  const update: Record<string, unknown> = { updated_at: trx.fn.now() }
  for (const [column, value] of Object.entries(values)) {
    if (value !== undefined) {
      update[column] = column === "custom_data" && value !== null ? JSON.stringify(value) : value
    }
  }
  const [row] = await trx("license_product_setting")
    .where({ product_id: productId, deleted_at: null })
    .update(update)
    .returning(COLUMNS.split(",").map((c) => c.trim()))
  return row
}
