import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { UpgradeSnapshot } from "../upgrades/types"

/** The SQL of license_upgrade (upgrades/): one row per upgrade order line, the license's upgrade history. */

export type UpgradeRow = {
  id: string
  license_id: string
  order_id: string
  line_item_id: string
  from_variant_id: string
  to_variant_id: string
  previous: UpgradeSnapshot
  applied: UpgradeSnapshot
  rolled_back_at: Date | null
  rolled_back_reason: string | null
  released_activations: number
  created_at: Date
}

/** The license columns an upgrade replaces (UpgradeSnapshot), in the order of the snapshot's fields. */
export const SNAPSHOT_COLUMNS = [
  "product_id", "variant_id", "product_title", "variant_title", "max_activations", "expiry_strategy", "grace_days", "expiry_basis",
  "local_sites_free", "heartbeat_interval_seconds", "entitlements",
] as const

/**
 * Records one upgrade unless its line item already has one (the unique index on line_item_id): the row, or null when
 * another run (a duplicate event, the reconciliation job, another instance) recorded it first.
 */
export async function insertUpgrade(
  trx: Knex.Transaction,
  row: Pick<UpgradeRow, "license_id" | "order_id" | "line_item_id" | "from_variant_id" | "to_variant_id" | "previous" | "applied">
): Promise<UpgradeRow | null> {
  const { rows } = await trx.raw<{ rows: UpgradeRow[] }>(
    `INSERT INTO license_upgrade (id, license_id, order_id, line_item_id, from_variant_id, to_variant_id, previous, applied, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, clock_timestamp(), clock_timestamp())
     ON CONFLICT (line_item_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING *`,
    [
      entityId("lupg"), row.license_id, row.order_id, row.line_item_id, row.from_variant_id, row.to_variant_id,
      JSON.stringify(row.previous), JSON.stringify(row.applied),
    ]
  )
  return rows[0] ?? null
}

/**
 * Puts a snapshot on a license (under its row lock): its variant, cap and policy rules. The expiry does not move. A
 * column the snapshot lacks (one recorded before the column was part of snapshots) is left as it is.
 */
export async function setLicenseSnapshot(trx: Knex.Transaction, licenseId: string, snapshot: UpgradeSnapshot): Promise<void> {
  const columns = SNAPSHOT_COLUMNS.filter((c) => snapshot[c] !== undefined)
  await trx.raw(
    `UPDATE license SET ${columns.map((c) => (c === "entitlements" ? `${c} = ?::text[]` : `${c} = ?`)).join(", ")}, updated_at = now() WHERE id = ?`,
    [...columns.map((c) => snapshot[c] as Knex.Value), licenseId]
  )
}

/**
 * Locks the upgrades of an order (or of some of its line items) that are still in force, newest first per license,
 * so two roll-backs of one order wait for each other and the second finds nothing left.
 */
export async function lockUpgradesInForce(trx: Knex.Transaction, orderId: string, lineItemIds?: string[]): Promise<UpgradeRow[]> {
  const { rows } = await trx.raw<{ rows: UpgradeRow[] }>(
    `SELECT * FROM license_upgrade
      WHERE deleted_at IS NULL AND rolled_back_at IS NULL AND order_id = ?
        ${lineItemIds ? "AND line_item_id = ANY(?::text[])" : ""}
      ORDER BY license_id, created_at DESC
        FOR UPDATE`,
    lineItemIds ? [orderId, lineItemIds] : [orderId]
  )
  return rows
}

/**
 * The upgrade of the license made after `upgrade` and still in force, if any: its `previous` is what `upgrade` gave
 * the key, so rolling `upgrade` back hands it `upgrade`'s own previous snapshot instead (upgrades/roll-back.ts).
 */
export async function lockLaterUpgradeInForce(trx: Knex.Transaction, upgrade: UpgradeRow): Promise<UpgradeRow | null> {
  const { rows } = await trx.raw<{ rows: UpgradeRow[] }>(
    `SELECT * FROM license_upgrade
      WHERE deleted_at IS NULL AND rolled_back_at IS NULL AND license_id = ? AND id <> ? AND created_at > ?
      ORDER BY created_at ASC LIMIT 1
        FOR UPDATE`,
    [upgrade.license_id, upgrade.id, upgrade.created_at]
  )
  return rows[0] ?? null
}

/** Replaces the `previous` snapshot of an upgrade in force (an earlier upgrade under it was rolled back). */
export async function setUpgradePrevious(trx: Knex.Transaction, id: string, previous: UpgradeSnapshot): Promise<void> {
  await trx.raw(`UPDATE license_upgrade SET previous = ?::jsonb, updated_at = now() WHERE id = ?`, [JSON.stringify(previous), id])
}

/** Marks an upgrade as taken back, with the number of slots the roll-back released. */
export async function markUpgradeRolledBack(trx: Knex.Transaction, id: string, reason: string, released: number): Promise<void> {
  await trx.raw(
    `UPDATE license_upgrade SET rolled_back_at = now(), rolled_back_reason = ?, released_activations = ?, updated_at = now() WHERE id = ?`,
    [reason, released, id]
  )
}

/** Deletes upgrade rows (a workflow's compensation undid them): their line items can be applied again. */
export async function deleteUpgrades(trx: Knex.Transaction, ids: string[]): Promise<void> {
  await trx.raw(`DELETE FROM license_upgrade WHERE id = ANY(?::text[])`, [ids])
}
