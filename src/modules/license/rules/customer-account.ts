import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ActivationKind } from "../types"

/**
 * The customer's side of a license (Account -> Licenses in the storefront,
 * /store/customers/me/licenses): what a customer may see and free. The rules
 * are in LicenseModuleService ("Customer account"); the SQL is here.
 */

/** The typed codes of the store API's refusals (docs/storefront.md). */
export const CustomerLicenseErrorCode = {
  /** No license with that id belongs to the logged-in customer. */
  LICENSE_NOT_FOUND: "license_not_found",
  /** The license holds no slot with that activation id (never did, or already freed). */
  ACTIVATION_NOT_FOUND: "activation_not_found",
  /** The store turned off freeing slots from the storefront (option customerCanDeactivate). */
  DEACTIVATION_DISABLED: "customer_deactivation_disabled",
  /** The customer freed a slot of this license less than customerDeactivationCooldownSeconds ago. */
  DEACTIVATION_COOLDOWN: "deactivation_cooldown",
  /** The license's deactivation budget (per rolling 30 days) is used up (deactivation-budget/budget.ts). */
  DEACTIVATION_LIMIT_REACHED: "deactivation_limit_reached",
} as const
export type CustomerLicenseErrorCode = (typeof CustomerLicenseErrorCode)[keyof typeof CustomerLicenseErrorCode]

/** Whether (and from when) the customer may free a slot of a license. */
export type CustomerDeactivationPolicy = {
  allowed: boolean
  cooldown_seconds: number
  /** While a cool-down runs: when the next slot may be freed. Null otherwise. */
  available_at: Date | null
}

export type CustomerActivation = {
  id: string
  kind: ActivationKind
  identifier: string
  first_seen_at: Date
  last_seen_at: Date
}

export type ReleaseCustomerActivationResult =
  | {
      type: "released"
      activation_id: string
      kind: ActivationKind
      identifier: string
      activations_used: number
      /** Deactivations still allowed in the rolling 30 days; null = unlimited. */
      deactivations_remaining: number | null
    }
  | { type: "refused"; code: CustomerLicenseErrorCode; message: string; retry_after?: number }

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
  await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [`license-customer-release:${licenseId}`])
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

/** The cool-down still to wait, in whole seconds (0 = none). */
export function cooldownRemainingSeconds(lastRelease: Date | null, cooldownSeconds: number, now: Date): number {
  if (!lastRelease || cooldownSeconds <= 0) {
    return 0
  }
  const remainingMs = lastRelease.getTime() + cooldownSeconds * 1000 - now.getTime()
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0
}

/** "5 minutes", "1 hour", "30 seconds": for the cool-down message a customer reads. */
export function describeWait(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  if (seconds < 120) {
    return unit(seconds, "second")
  }
  if (seconds < 2 * 3600) {
    return unit(Math.ceil(seconds / 60), "minute")
  }
  if (seconds < 2 * 86400) {
    return unit(Math.ceil(seconds / 3600), "hour")
  }
  return unit(Math.ceil(seconds / 86400), "day")
}
