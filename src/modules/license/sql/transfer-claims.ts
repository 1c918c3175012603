import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"
import type { TransferRequestRow } from "./transfers"

/** The SQL of transfer claims (docs/transfers.md); the rules are in ./claims.ts. */

export type TransferClaimRow = {
  id: string
  transfer_request_id: string
  license_id: string
  from_customer_id: string | null
  to_email: string
  token_hash: string
  expires_at: Date
  used_at: Date | null
  used_by_customer_id: string | null
  canceled_at: Date | null
  canceled_by: string | null
  created_at: Date
  updated_at: Date
}

/** A claim as the admin sees it: never its hash. */
export type TransferClaimView = Omit<TransferClaimRow, "token_hash" | "updated_at">

const VIEW_COLUMNS = `id, transfer_request_id, license_id, from_customer_id, to_email, expires_at, used_at, used_by_customer_id, canceled_at, canceled_by, created_at`

export async function insertClaim(
  trx: Knex.Transaction,
  input: Pick<TransferClaimRow, "transfer_request_id" | "license_id" | "from_customer_id" | "to_email" | "token_hash"> & {
    ttl_seconds: number
  }
): Promise<TransferClaimRow> {
  const { rows } = await trx.raw<{ rows: TransferClaimRow[] }>(
    `INSERT INTO license_transfer_claim
       (id, transfer_request_id, license_id, from_customer_id, to_email, token_hash, expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?), now(), now())
     RETURNING *`,
    [
      entityId("ltcl"),
      input.transfer_request_id,
      input.license_id,
      input.from_customer_id,
      input.to_email,
      input.token_hash,
      input.ttl_seconds,
    ]
  )
  return rows[0]
}

/** Locks the claim with that token hash, with `expired` computed by the database clock. */
export async function lockClaimByHash(
  trx: Knex.Transaction,
  tokenHash: string
): Promise<(TransferClaimRow & { expired: boolean }) | null> {
  const { rows } = await trx.raw<{ rows: (TransferClaimRow & { expired: boolean })[] }>(
    `SELECT *, expires_at <= now() AS expired FROM license_transfer_claim
      WHERE token_hash = ? AND deleted_at IS NULL FOR UPDATE`,
    [tokenHash]
  )
  return rows[0] ?? null
}

/** Locks the open (unused, not canceled) claim of a request. */
export async function lockOpenClaimOfRequest(trx: Knex.Transaction, requestId: string): Promise<TransferClaimRow | null> {
  const { rows } = await trx.raw<{ rows: TransferClaimRow[] }>(
    `SELECT * FROM license_transfer_claim
      WHERE transfer_request_id = ? AND used_at IS NULL AND canceled_at IS NULL AND deleted_at IS NULL
      ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [requestId]
  )
  return rows[0] ?? null
}

export async function markClaimUsed(trx: Knex.Transaction, id: string, customerId: string): Promise<void> {
  await trx.raw(
    `UPDATE license_transfer_claim SET used_at = now(), used_by_customer_id = ?, updated_at = now() WHERE id = ? AND used_at IS NULL`,
    [customerId, id]
  )
}

export async function setClaimCanceled(trx: Knex.Transaction, id: string, by: string | null): Promise<void> {
  await trx.raw(
    `UPDATE license_transfer_claim SET canceled_at = ${by === null ? "NULL" : "now()"}, canceled_by = ?, updated_at = now() WHERE id = ?`,
    [by, id]
  )
}

/** pending -> awaiting_claim (the admin's approval); null when the request is no longer pending. */
export async function markAwaitingClaim(
  trx: Knex.Transaction,
  requestId: string,
  decision: { note: string | null; decided_by: string | null }
): Promise<TransferRequestRow | null> {
  const { rows } = await trx.raw<{ rows: TransferRequestRow[] }>(
    `UPDATE license_transfer_request
        SET status = 'awaiting_claim', note = ?, decided_by = ?, decided_at = now(), updated_at = now()
      WHERE id = ? AND status = 'pending' AND deleted_at IS NULL
      RETURNING *`,
    [decision.note, decision.decided_by, requestId]
  )
  return rows[0] ?? null
}

/** Moves a request between two statuses; null when it is not in `from`. */
export async function setRequestStatus(
  trx: Knex.Transaction,
  requestId: string,
  from: TransferRequestRow["status"],
  to: TransferRequestRow["status"]
): Promise<TransferRequestRow | null> {
  const { rows } = await trx.raw<{ rows: TransferRequestRow[] }>(
    `UPDATE license_transfer_request SET status = ?, updated_at = now()
      WHERE id = ? AND status = ? AND deleted_at IS NULL RETURNING *`,
    [to, requestId, from]
  )
  return rows[0] ?? null
}

/**
 * Ends the requests of a license whose claim expired unredeemed (status
 * `expired`), so the license can be asked for again.
 */
export async function expireStaleClaims(trx: Knex.Transaction, licenseId: string): Promise<void> {
  await trx.raw(
    `UPDATE license_transfer_request r SET status = 'expired', updated_at = now()
       FROM license_transfer_claim c
      WHERE r.license_id = ? AND r.status = 'awaiting_claim' AND r.deleted_at IS NULL
        AND c.transfer_request_id = r.id AND c.used_at IS NULL AND c.canceled_at IS NULL
        AND c.deleted_at IS NULL AND c.expires_at <= now()`,
    [licenseId]
  )
}

/** Undoes an approval whose claim could not be sent: the claim goes, the request is pending again. */
export async function discardClaim(trx: Knex.Transaction, claimId: string): Promise<void> {
  const { rows } = await trx.raw<{ rows: { transfer_request_id: string }[] }>(
    `DELETE FROM license_transfer_claim WHERE id = ? AND used_at IS NULL RETURNING transfer_request_id`,
    [claimId]
  )
  if (rows[0]) {
    await trx.raw(
      `UPDATE license_transfer_request SET status = 'pending', note = NULL, decided_by = NULL, decided_at = NULL, updated_at = now()
        WHERE id = ? AND status = 'awaiting_claim'`,
      [rows[0].transfer_request_id]
    )
  }
}

/** The latest claim of each request (no hash). */
export async function latestClaimsOf(db: Knex | Knex.Transaction, requestIds: string[]): Promise<Map<string, TransferClaimView>> {
  if (!requestIds.length) {
    return new Map()
  }
  const { rows } = await db.raw<{ rows: TransferClaimView[] }>(
    `SELECT DISTINCT ON (transfer_request_id) ${VIEW_COLUMNS} FROM license_transfer_claim
      WHERE transfer_request_id = ANY(?) AND deleted_at IS NULL
      ORDER BY transfer_request_id, created_at DESC`,
    [requestIds]
  )
  return new Map(rows.map((r) => [r.transfer_request_id, r]))
}
