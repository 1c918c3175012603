import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { expiryWithoutExtension } from "../rules/renewal-terms"
import type LicenseModuleService from "../service"
import { lockLicense } from "../sql/licenses"
import { deleteRenewals, lockRenewalsInForce, markRenewalRolledBack, setLicenseExpiry } from "../sql/renewals"
import type { RolledBackRenewal } from "./types"

/**
 * Takes back the extensions a renewal order bought (all of them, or those of some of its line items: a return), and
 * only those (docs/renewals-and-upgrades.md): each one's own length comes off the key's current expiry, so an
 * extension bought later by another order is kept. The key itself is not revoked: only a refund of the order that
 * bought it does that. Idempotent: an extension already taken back is skipped.
 */
export async function rollBackRenewals(
  this: LicenseModuleService,
  orderId: string,
  reason: string,
  lineItemIds: string[] | undefined,
  discard: boolean,
  sharedContext: Context
): Promise<RolledBackRenewal[]> {
  const trx = transactionKnex(sharedContext)
  const rolledBack: RolledBackRenewal[] = []
  for (const renewal of await lockRenewalsInForce(trx, orderId, lineItemIds)) {
    const license = await lockLicense<{ id: string; expires_at: Date | null }>(trx, renewal.license_id, ["id", "expires_at"])
    if (!license?.expires_at) {
      continue
    }
    const expiresAt = expiryWithoutExtension(new Date(license.expires_at), renewal)
    await setLicenseExpiry(trx, license.id, expiresAt)
    await markRenewalRolledBack(trx, renewal.id, reason, expiresAt)
    rolledBack.push({
      id: renewal.id,
      license_id: renewal.license_id,
      order_id: renewal.order_id,
      line_item_id: renewal.line_item_id,
      previous_expires_at: new Date(renewal.previous_expires_at),
      new_expires_at: new Date(renewal.new_expires_at),
      expires_at: expiresAt,
      reason,
    })
  }
  if (discard && rolledBack.length) {
    // A workflow's compensation: the rows go, so the next run extends these lines again.
    await deleteRenewals(trx, rolledBack.map((r) => r.id))
  }
  return rolledBack
}
