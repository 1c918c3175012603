import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * The licenses an order renewed or upgraded (license_renewal, license_upgrade) whose renewal or upgrade is still in
 * force: what a dispute of that order suspends beside the keys the order bought (revocation/apply-stripe-event.ts).
 */
export async function licensesRenewedOrUpgradedBy(db: Knex | Knex.Transaction, orderId: string): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { license_id: string }[] }>(
    `SELECT license_id FROM license_renewal WHERE order_id = ? AND deleted_at IS NULL AND rolled_back_at IS NULL
     UNION
     SELECT license_id FROM license_upgrade WHERE order_id = ? AND deleted_at IS NULL AND rolled_back_at IS NULL
     ORDER BY license_id`,
    [orderId, orderId]
  )
  return rows.map((r) => r.license_id)
}
