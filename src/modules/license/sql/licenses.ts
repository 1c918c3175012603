import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ReturnCandidate } from "../rules/returned-keys"
import type { LicenseSelector, LicenseStatusChange } from "../rules/status-change"

/** The SQL of the license table that the ORM's generated methods do not cover. */

/**
 * Locks one license row (FOR UPDATE) and reads `columns`; with `customerId`,
 * only when that customer owns it. Null when there is no such license. Every
 * feature that changes a license under its lock (admin edits and frees,
 * transfers) takes it here.
 */
export async function lockLicense<T>(
  trx: Knex.Transaction,
  licenseId: string,
  columns: readonly string[],
  customerId?: string
): Promise<T | null> {
  const { rows } = await trx.raw<{ rows: T[] }>(
    `SELECT ${columns.join(", ")} FROM license
      WHERE id = ? AND deleted_at IS NULL ${customerId !== undefined ? "AND customer_id = ?" : ""}
        FOR UPDATE`,
    customerId !== undefined ? [licenseId, customerId] : [licenseId]
  )
  return rows[0] ?? null
}

/**
 * Locks every key of these line items (id order): a concurrent revocation for
 * returns waits here and then counts what this one revoked.
 */
export async function lockKeysOfLineItems(trx: Knex.Transaction, lineItemIds: string[]): Promise<ReturnCandidate[]> {
  const { rows } = await trx.raw<{ rows: ReturnCandidate[] }>(
    `SELECT id, line_item_id, unit_index, status, activations_used, created_at
       FROM license
      WHERE deleted_at IS NULL AND line_item_id = ANY(?::text[])
      ORDER BY id
        FOR UPDATE`,
    [lineItemIds]
  )
  return rows
}

/**
 * The one statement behind every status change. The locking sub-select only
 * keeps rows whose current status allows the change; a concurrent caller waits
 * on the row locks and then, re-reading the committed rows, finds nothing to do.
 */
export async function changeLicenseStatus(
  knex: Knex.Transaction,
  selector: LicenseSelector,
  to: "revoked" | "suspended" | "active",
  revokeReason: string | null = null,
  suspendedWith: Record<string, string> | null = null
): Promise<LicenseStatusChange[]> {
  const where: string[] = ["deleted_at IS NULL"]
  const bindings: Knex.RawBinding[] = []
  if (selector.order_id) {
    where.push("order_id = ?")
    bindings.push(selector.order_id)
  }
  if (selector.license_ids) {
    where.push("id = ANY(?::text[])")
    bindings.push(selector.license_ids)
  }
  if (!selector.order_id && !selector.license_ids) {
    throw new Error("License module: a status change needs an order_id or license_ids.")
  }
  if (selector.order_id === "" || selector.license_ids?.length === 0) {
    return []
  }
  let set: string
  const setBindings: Knex.RawBinding[] = []
  switch (to) {
    case "revoked":
      where.push("status <> 'revoked'")
      set = "status = 'revoked', revoked_at = now(), revoke_reason = ?, updated_at = now()"
      setBindings.push(revokeReason)
      break
    case "suspended":
      where.push("status = 'active'")
      set = "status = 'suspended', updated_at = now()"
      break
    case "active":
      where.push("status = 'suspended'")
      where.push(
        `(SELECT e.data FROM license_event e
           WHERE e.license_id = license.id AND e.type = 'suspended' AND e.deleted_at IS NULL
           ORDER BY e.created_at DESC, e.id DESC LIMIT 1) @> ?::jsonb`
      )
      bindings.push(JSON.stringify(suspendedWith ?? {}))
      set = "status = 'active', updated_at = now()"
      break
  }
  const { rows } = await knex.raw<{ rows: LicenseStatusChange[] }>(
    `WITH target AS (
       SELECT id, status FROM license WHERE ${where.join(" AND ")} ORDER BY id FOR UPDATE
     )
     UPDATE license AS l SET ${set}
       FROM target
      WHERE l.id = target.id
     RETURNING l.id, l.order_id, l.line_item_id, l.unit_index, l.customer_id, l.status,
               target.status AS previous_status`,
    [...bindings, ...setBindings]
  )
  return rows
}

/** Moves a license to its new owner (a transfer): their e-mail and Discord ID (or none) replace the previous owner's. */
export async function moveLicense(
  trx: Knex.Transaction,
  licenseId: string,
  customerId: string,
  email: string,
  discordId: string | null = null
): Promise<void> {
  await trx.raw(`UPDATE license SET customer_id = ?, customer_email = ?, customer_discord_id = ?, updated_at = now() WHERE id = ?`, [
    customerId,
    email,
    discordId,
    licenseId,
  ])
}
