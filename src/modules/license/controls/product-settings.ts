import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { ControlsInput } from "../rules/controls-input"
import type { VersionMode } from "../rules/version-gate"

/** A product's licensing controls as the admin sees them (never the API key's hash). */
export type ProductLicenseSettings = {
  product_id: string
  require_api_key: boolean
  /** The API key's first characters, e.g. "lk_live_ab12"; null = no key yet. */
  api_key_prefix: string | null
  api_key_created_at: string | null
  enforce_activation_limit: boolean
  enforce_expiry: boolean
  sign_answers: boolean
  version_mode: VersionMode
  version_pinned: string | null
  version_range: string | null
  custom_data: Record<string, unknown> | null
  archived_at: string | null
  blocked_domains: string[]
  blocked_ips: string[]
}

export type ProductLicenseSettingsUpdate = Omit<ControlsInput, "version_mode" | "blocked_domains" | "blocked_ips"> & {
  version_mode?: VersionMode
  blocked_domains?: string[]
  blocked_ips?: string[]
  require_api_key?: boolean
  enforce_activation_limit?: boolean
  enforce_expiry?: boolean
  sign_answers?: boolean
  /** true archives (keys answer product_archived), false unarchives. */
  archived?: boolean
}

export type ProductSettingsRow = Omit<ProductLicenseSettings, "api_key_created_at" | "archived_at"> & {
  api_key_hash: string | null
  api_key_created_at: Date | null
  archived_at: Date | null
}

export function defaultProductSettings(productId: string): ProductLicenseSettings {
  return {
    product_id: productId,
    require_api_key: false,
    api_key_prefix: null,
    api_key_created_at: null,
    enforce_activation_limit: true,
    enforce_expiry: true,
    sign_answers: true,
    version_mode: "off",
    version_pinned: null,
    version_range: null,
    custom_data: null,
    archived_at: null,
    blocked_domains: [],
    blocked_ips: [],
  }
}

export function presentProductSettings(row: ProductSettingsRow): ProductLicenseSettings {
  const { api_key_hash: _hash, ...rest } = row
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null)
  return {
    ...defaultProductSettings(row.product_id),
    ...rest,
    api_key_created_at: iso(row.api_key_created_at),
    archived_at: iso(row.archived_at),
  }
}

const COLUMNS = `product_id, require_api_key, api_key_hash, api_key_prefix, api_key_created_at,
  enforce_activation_limit, enforce_expiry, sign_answers, version_mode, version_pinned, version_range,
  custom_data, archived_at, blocked_domains, blocked_ips`

export async function findProductSettings(db: Knex | Knex.Transaction, productId: string): Promise<ProductSettingsRow | null> {
  const { rows } = await db.raw(
    `SELECT ${COLUMNS} FROM license_product_setting WHERE product_id = ? AND deleted_at IS NULL`,
    [productId]
  )
  return rows[0] ?? null
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
    [generateEntityId(undefined, "lpset"), productId]
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
