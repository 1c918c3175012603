import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { TransferStatus } from "../rules/transfer-codes"
import { lockLicense } from "./licenses"

/** The SQL of license transfers; the operations are in transfers/. */

export type TransferRequestRow = {
  id: string
  license_id: string
  from_customer_id: string | null
  from_email: string | null
  to_email: string
  to_customer_id: string | null
  status: TransferStatus
  requested_by_type: "customer" | "admin"
  requested_by_id: string | null
  note: string | null
  decided_by: string | null
  decided_at: Date | null
  created_at: Date
  updated_at: Date
}

export type LockedLicense = {
  id: string
  status: string
  customer_id: string | null
  customer_email: string | null
  activations_used: number
}

/** The columns a transfer reads of the license it locks. */
const LOCKED_LICENSE_COLUMNS = ["id", "status", "customer_id", "customer_email", "activations_used"] as const

/** Locks a license for a transfer; with `customerId`, only when that customer owns it. */
export async function lockLicenseForTransfer(
  trx: Knex.Transaction,
  licenseId: string,
  customerId?: string
): Promise<LockedLicense | null> {
  return await lockLicense<LockedLicense>(trx, licenseId, LOCKED_LICENSE_COLUMNS, customerId)
}

export async function findPendingTransfer(db: Knex | Knex.Transaction, licenseId: string): Promise<TransferRequestRow | null> {
  const { rows } = await db.raw<{ rows: TransferRequestRow[] }>(
    `SELECT * FROM license_transfer_request WHERE license_id = ? AND status = 'pending' AND deleted_at IS NULL LIMIT 1`,
    [licenseId]
  )
  return rows[0] ?? null
}

/**
 * Inserts a pending request. The unique index on pending requests per license
 * is the last guard: a concurrent second request inserts nothing (null).
 */
export async function insertPendingTransfer(
  trx: Knex.Transaction,
  input: Pick<TransferRequestRow, "license_id" | "from_customer_id" | "from_email" | "to_email" | "requested_by_type" | "requested_by_id">
): Promise<TransferRequestRow | null> {
  const { rows } = await trx.raw<{ rows: TransferRequestRow[] }>(
    `INSERT INTO license_transfer_request
       (id, license_id, from_customer_id, from_email, to_email, status, requested_by_type, requested_by_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, now(), now())
     ON CONFLICT (license_id) WHERE status IN ('pending', 'awaiting_claim') AND deleted_at IS NULL DO NOTHING
     RETURNING *`,
    [
      entityId("ltrq"),
      input.license_id,
      input.from_customer_id,
      input.from_email,
      input.to_email,
      input.requested_by_type,
      input.requested_by_id,
    ]
  )
  return rows[0] ?? null
}

/** Locks a request row (a decision waits for a concurrent one, then sees its result). */
export async function lockTransferRequest(trx: Knex.Transaction, id: string): Promise<TransferRequestRow | null> {
  const { rows } = await trx.raw<{ rows: TransferRequestRow[] }>(
    `SELECT * FROM license_transfer_request WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
    [id]
  )
  return rows[0] ?? null
}

/** Decides a pending (or, with `from`, an awaiting_claim) request; null when it is no longer in that status. */
export async function decideTransfer(
  trx: Knex.Transaction | Knex,
  id: string,
  decision: { status: Exclude<TransferStatus, "pending">; note: string | null; decided_by: string | null; to_customer_id?: string | null },
  /** The status the request must be in: pending, or awaiting_claim when a claim is redeemed. */
  from: TransferStatus = "pending"
): Promise<TransferRequestRow | null> {
  const { rows } = await trx.raw<{ rows: TransferRequestRow[] }>(
    `UPDATE license_transfer_request
        SET status = ?, note = ?, decided_by = ?, decided_at = now(),
            to_customer_id = COALESCE(?, to_customer_id), updated_at = now()
      WHERE id = ? AND status = ? AND deleted_at IS NULL
      RETURNING *`,
    [decision.status, decision.note, decision.decided_by, decision.to_customer_id ?? null, id, from]
  )
  return rows[0] ?? null
}

/** Removes a pending request (the compensation of an admin's direct transfer). */
export async function deletePendingTransfer(db: Knex | Knex.Transaction, id: string): Promise<void> {
  await db.raw(`DELETE FROM license_transfer_request WHERE id = ? AND status = 'pending'`, [id])
}
