import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { generateProductApiKey } from "../rules/api-key"
import { checkVersionPolicy, normaliseControlsInput } from "../rules/controls-input"
import { findProductSettings, lockProductSettings, writeProductSettings } from "../sql/product-settings"
import { defaultProductSettings, type ProductLicenseSettings, type ProductLicenseSettingsUpdate, presentProductSettings } from "../rules/product-settings"

/**
 * Per-product licensing settings and product API keys (docs/product-controls.md).
 * The Verify API reads the settings in its one lookup query (sql/activations.ts).
 * Each function runs in the caller's transaction.
 */

/**
 * Saves the given controls. Turning "require API key" on for a product
 * without a key generates one: `apiKey` is then the full key, the only time
 * it is ever shown.
 */
export async function updateProductLicenseSettings(
  productId: string,
  update: ProductLicenseSettingsUpdate,
  sharedContext: Context
): Promise<{ settings: ProductLicenseSettings; apiKey: string | null }> {
  const { archived, ...fields } = normaliseControlsInput(update)
  const trx = transactionKnex(sharedContext)
  const current = await lockProductSettings(trx, productId)
  checkVersionPolicy(
    fields.version_mode ?? current.version_mode,
    fields.version_pinned === undefined ? current.version_pinned : fields.version_pinned,
    fields.version_range === undefined ? current.version_range : fields.version_range
  )
  const key = fields.require_api_key && !current.api_key_hash ? generateProductApiKey() : null
  const row = await writeProductSettings(trx, productId, {
    ...fields,
    ...(archived === undefined ? {} : { archived_at: archived ? (current.archived_at ?? new Date()) : null }),
    ...(key ? { api_key_hash: key.hash, api_key_prefix: key.prefix, api_key_created_at: new Date() } : {}),
  })
  return { settings: presentProductSettings(row), apiKey: key?.key ?? null }
}

/** A new API key for the product; the previous one stops working at once. */
export async function rotateProductApiKey(
  productId: string,
  sharedContext: Context
): Promise<{ settings: ProductLicenseSettings; apiKey: string }> {
  const trx = transactionKnex(sharedContext)
  await lockProductSettings(trx, productId)
  const key = generateProductApiKey()
  const row = await writeProductSettings(trx, productId, {
    api_key_hash: key.hash,
    api_key_prefix: key.prefix,
    api_key_created_at: new Date(),
  })
  return { settings: presentProductSettings(row), apiKey: key.key }
}


/** The product's controls; the defaults when it never saved any. */
export async function getProductLicenseSettings(db: Knex, productId: string): Promise<ProductLicenseSettings> {
  const row = await findProductSettings(db, productId)
  return row ? presentProductSettings(row) : defaultProductSettings(productId)
}
