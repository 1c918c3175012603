import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { advisoryXactLock } from "../database"

/** The SQL of the customer's Account -> Licenses (activations/customer.ts). */

type Db = Knex | Knex.Transaction

/**
 * The order a customer reads their keys in: usable ones first (active, then
 * expired, suspended, revoked), newest first within each. Stable for paging.
 */
const CUSTOMER_LICENSE_ORDER = `
  CASE
    WHEN status = 'active' AND (expires_at IS NULL OR expires_at > now()) THEN 0
    WHEN status = 'active' THEN 1
    WHEN status = 'suspended' THEN 2
    ELSE 3
  END, created_at DESC, id DESC`

/** One page of a customer's license ids, in CUSTOMER_LICENSE_ORDER, and how many they have in all. */
export async function pageCustomerLicenseIds(
  db: Db,
  customerId: string,
  page: { skip: number; take: number }
): Promise<{ ids: string[]; count: number }> {
  const [idRows, countRows] = await Promise.all([
    db.raw(
      `SELECT id FROM license
        WHERE customer_id = ? AND deleted_at IS NULL
        ORDER BY ${CUSTOMER_LICENSE_ORDER}
        LIMIT ? OFFSET ?`,
      [customerId, page.take, page.skip]
    ),
    db.raw(`SELECT count(*)::int AS count FROM license WHERE customer_id = ? AND deleted_at IS NULL`, [customerId]),
  ])
  return { ids: idRows.rows.map((r: { id: string }) => r.id), count: countRows.rows[0]?.count ?? 0 }
}

/** The license id when it belongs to the customer, else null. */
export async function findCustomerLicenseId(db: Db, customerId: string, licenseId: string): Promise<string | null> {
  const { rows } = await db.raw(`SELECT id FROM license WHERE id = ? AND customer_id = ? AND deleted_at IS NULL`, [
    licenseId,
    customerId,
  ])
  return rows[0]?.id ?? null
}

/**
 * Serialises the customer's releases of one license (across server instances:
 * the lock is PostgreSQL's), so that two clicks cannot both pass the cool-down.
 * An advisory lock, not a row lock on the license: the Verify API locks the
 * activation before the license, and taking them the other way round here
 * could deadlock with it.
 */
export async function lockCustomerReleases(trx: Knex.Transaction, licenseId: string): Promise<void> {
  await advisoryXactLock(trx, `license-customer-release:${licenseId}`)
}

/** When the last slot the customer freed on this license was freed, or null. */
export async function lastCustomerRelease(db: Db, licenseId: string): Promise<Date | null> {
  const { rows } = await db.raw(
    `SELECT max(created_at) AS at FROM license_event
      WHERE license_id = ? AND type = 'deactivated' AND actor_type = 'customer' AND deleted_at IS NULL`,
    [licenseId]
  )
  return rows[0]?.at ? new Date(rows[0].at) : null
}
