import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

/** Orders a refund or cancellation revoked as a whole, with the first reason recorded. */
export async function loadWhollyRevokedOrders(knex: Knex, orderIds: string[]): Promise<Map<string, string>> {
  if (!orderIds.length) {
    return new Map()
  }
  const { rows } = await knex.raw<{ rows: { order_id: string; reason: string }[] }>(
    `SELECT order_id, reason FROM license_order_revocation
      WHERE order_id = ANY(?::text[]) AND line_item_id IS NULL AND deleted_at IS NULL`,
    [orderIds]
  )
  return new Map(rows.map((row) => [row.order_id, row.reason]))
}

/** Records that an order was revoked as a whole; the first reason stays. Call under the order's lock. */
export async function recordWholeOrderRevocation(trx: Knex.Transaction, orderId: string, reason: string): Promise<void> {
  await trx.raw(
    `INSERT INTO license_order_revocation (id, order_id, line_item_id, reason)
     SELECT ?, ?, NULL, ?
      WHERE NOT EXISTS (
        SELECT 1 FROM license_order_revocation
         WHERE order_id = ? AND line_item_id IS NULL AND deleted_at IS NULL)`,
    [entityId("lorv"), orderId, reason, orderId]
  )
}

/**
 * Records the total returned quantity of each line item (a total, so the same
 * return twice changes nothing and a later return raises it). Call under the
 * order's lock.
 */
export async function recordReturnedQuantities(
  trx: Knex.Transaction,
  orderId: string,
  returned: Map<string, number>
): Promise<void> {
  for (const [lineItemId, quantity] of returned) {
    const { rowCount } = await trx.raw<{ rowCount: number }>(
      `UPDATE license_order_revocation
          SET returned_quantity = GREATEST(returned_quantity, ?), updated_at = now()
        WHERE order_id = ? AND line_item_id = ? AND deleted_at IS NULL`,
      [quantity, orderId, lineItemId]
    )
    if (!rowCount) {
      await trx.raw(
        `INSERT INTO license_order_revocation (id, order_id, line_item_id, reason, returned_quantity)
         VALUES (?, ?, ?, 'return', ?)`,
        [entityId("lorv"), orderId, lineItemId, quantity]
      )
    }
  }
}

/** Per line item of these orders: how many keys its returns still owe (returned units less keys already revoked for them). */
export async function loadReturnDebts(trx: Knex.Transaction, orderIds: string[]): Promise<Map<string, number>> {
  if (!orderIds.length) {
    return new Map()
  }
  const { rows } = await trx.raw<{ rows: { line_item_id: string; owed: number }[] }>(
    `SELECT line_item_id, GREATEST(0, COALESCE(returned_quantity, 0) - keys_revoked)::int AS owed
       FROM license_order_revocation
      WHERE order_id = ANY(?::text[]) AND line_item_id IS NOT NULL AND deleted_at IS NULL`,
    [orderIds]
  )
  return new Map(rows.filter((row) => row.owed > 0).map((row) => [row.line_item_id, row.owed]))
}

export async function addKeysRevokedForReturns(trx: Knex.Transaction, revokedPerLine: Map<string, number>): Promise<void> {
  for (const [lineItemId, count] of revokedPerLine) {
    await trx.raw(
      `UPDATE license_order_revocation SET keys_revoked = keys_revoked + ?, updated_at = now()
        WHERE line_item_id = ? AND deleted_at IS NULL`,
      [count, lineItemId]
    )
  }
}
