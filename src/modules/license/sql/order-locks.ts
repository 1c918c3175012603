import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { advisoryXactLock } from "../database"

/**
 * Serialises everything that keys or un-keys an order (issuance, refund,
 * cancellation, return) per order, in PostgreSQL, so it holds across server
 * instances: either issuance commits first and revocation finds its keys, or
 * revocation commits first and issuance finds what it recorded. Locks are
 * taken in id order so two calls over several orders cannot deadlock.
 */
export async function lockOrdersForLicensing(trx: Knex.Transaction, orderIds: Iterable<string>): Promise<void> {
  for (const orderId of [...new Set(orderIds)].filter(Boolean).sort()) {
    // The literal predates this helper: instances of an older version still take the same lock.
    await advisoryXactLock(trx, `license-issuance:${orderId}`)
  }
}
