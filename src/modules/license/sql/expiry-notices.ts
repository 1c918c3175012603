import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

/**
 * Notes that a license was seen expired, once per (license, expires_at): the
 * unique index turns every later call for the same expiry into a no-op that
 * returns nothing. Returns the expiry when this call is the first to see it.
 * Only the refusal path of a verify calls it (a refusal already writes), never
 * the known-identity hot path.
 */
export async function noteExpiryObserved(db: Knex | Knex.Transaction, licenseId: string): Promise<Date | null> {
  const { rows } = await db.raw<{ rows: { expires_at: Date }[] }>(
    `INSERT INTO license_expiry_notice (id, license_id, expires_at, created_at, updated_at)
     SELECT ?, l.id, l.expires_at, now(), now()
       FROM license l
      WHERE l.id = ? AND l.expires_at IS NOT NULL AND l.expires_at <= now() AND l.deleted_at IS NULL
     ON CONFLICT (license_id, expires_at) WHERE deleted_at IS NULL DO NOTHING
     RETURNING expires_at`,
    [entityId("lexn"), licenseId]
  )
  return rows[0]?.expires_at ?? null
}
