import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

/** The SQL of license_renewal (renewals/): one row per renewal order line, the license's renewal history. */

export type RenewalRow = {
  id: string
  license_id: string
  order_id: string
  line_item_id: string
  terms: number
  term_days: number
  basis: string
  previous_expires_at: Date
  new_expires_at: Date
  rolled_back_at: Date | null
  rolled_back_reason: string | null
  rolled_back_expires_at: Date | null
  created_at: Date
}

/**
 * Records one extension unless its line item already has one (the unique index on line_item_id): the row, or null
 * when another run (a duplicate event, the reconciliation job, another instance) recorded it first.
 */
export async function insertRenewal(
  trx: Knex.Transaction,
  row: Pick<RenewalRow, "license_id" | "order_id" | "line_item_id" | "terms" | "term_days" | "basis" | "previous_expires_at" | "new_expires_at">
): Promise<RenewalRow | null> {
  const { rows } = await trx.raw<{ rows: RenewalRow[] }>(
    `INSERT INTO license_renewal (id, license_id, order_id, line_item_id, terms, term_days, basis, previous_expires_at, new_expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
     ON CONFLICT (line_item_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING *`,
    [entityId("lren"), row.license_id, row.order_id, row.line_item_id, row.terms, row.term_days, row.basis, row.previous_expires_at, row.new_expires_at]
  )
  return rows[0] ?? null
}

/** The line items (of these) that already have an extension. */
export async function renewedLineItems(db: Knex, lineItemIds: string[]): Promise<Set<string>> {
  if (!lineItemIds.length) {
    return new Set()
  }
  const { rows } = await db.raw<{ rows: { line_item_id: string }[] }>(
    `SELECT line_item_id FROM license_renewal WHERE deleted_at IS NULL AND line_item_id = ANY(?::text[])`,
    [lineItemIds]
  )
  return new Set(rows.map((r) => r.line_item_id))
}

/** Sets a license's expiry (under its row lock). */
export async function setLicenseExpiry(trx: Knex.Transaction, licenseId: string, expiresAt: Date): Promise<void> {
  await trx.raw(`UPDATE license SET expires_at = ?, updated_at = now() WHERE id = ?`, [expiresAt, licenseId])
}

/**
 * Locks the extensions of an order (or of some of its line items) that are still in force, license by license in id
 * order, so two roll-backs of one order wait for each other and the second finds nothing left.
 */
export async function lockRenewalsInForce(trx: Knex.Transaction, orderId: string, lineItemIds?: string[]): Promise<RenewalRow[]> {
  const { rows } = await trx.raw<{ rows: RenewalRow[] }>(
    `SELECT * FROM license_renewal
      WHERE deleted_at IS NULL AND rolled_back_at IS NULL AND order_id = ?
        ${lineItemIds ? "AND line_item_id = ANY(?::text[])" : ""}
      ORDER BY license_id, created_at
        FOR UPDATE`,
    lineItemIds ? [orderId, lineItemIds] : [orderId]
  )
  return rows
}

/** Marks an extension as taken back. */
export async function markRenewalRolledBack(trx: Knex.Transaction, id: string, reason: string, expiresAt: Date): Promise<void> {
  await trx.raw(
    `UPDATE license_renewal SET rolled_back_at = now(), rolled_back_reason = ?, rolled_back_expires_at = ?, updated_at = now() WHERE id = ?`,
    [reason, expiresAt, id]
  )
}

/** Deletes extension rows (a workflow's compensation undid them): their line items can be applied again. */
export async function deleteRenewals(trx: Knex.Transaction, ids: string[]): Promise<void> {
  await trx.raw(`DELETE FROM license_renewal WHERE id = ANY(?::text[])`, [ids])
}
