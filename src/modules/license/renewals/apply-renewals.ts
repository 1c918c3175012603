import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { renewalPolicyFields } from "../rules/renewal-policy-fields"
import { renewalTermDays, renewedExpiry } from "../rules/renewal-terms"
import type LicenseModuleService from "../service"
import { lockLicense } from "../sql/licenses"
import { insertRenewal, setLicenseExpiry } from "../sql/renewals"
import type { AppliedRenewal, RenewalLine } from "./types"

type LockedLicense = { id: string; expires_at: Date | null; variant_id: string | null }

/**
 * Extends the same key once per renewal line (docs/renewals-and-upgrades.md): under the license's row lock the new
 * expiry is computed from the current one (the variant's renewal term x the line's quantity, from the policy's
 * basis, "now" being when the order was placed) and recorded with the line item id, whose unique index makes a
 * second run for the same line (a duplicate event, the reconciliation job, another instance) a no-op. Two renewal
 * orders of one key wait for each other on the row lock and extend one after the other. A line whose key is a
 * lifetime key, or whose policy lost its term, is skipped and logged.
 */
export async function applyRenewals(this: LicenseModuleService, lines: RenewalLine[], sharedContext: Context): Promise<AppliedRenewal[]> {
  const trx = transactionKnex(sharedContext)
  const applied: AppliedRenewal[] = []
  // Licenses in id order: two orders renewing the same two keys cannot deadlock.
  for (const line of [...lines].sort((a, b) => a.license_id.localeCompare(b.license_id) || a.line_item_id.localeCompare(b.line_item_id))) {
    const license = await lockLicense<LockedLicense>(trx, line.license_id, ["id", "expires_at", "variant_id"])
    if (!license) {
      this.logger_.warn(`License keys: renewal line ${line.line_item_id} of order ${line.order_id} names no license`)
      continue
    }
    const [policy] = license.variant_id ? await this.listLicensePolicies({ variant_id: license.variant_id }, { take: 1 }, sharedContext) : []
    const fields = { ...renewalPolicyFields(policy), term_days: policy?.term_days ?? null }
    const termDays = renewalTermDays(fields)
    const terms = Math.max(1, Math.floor(line.quantity))
    const newExpiry = termDays === null ? null : renewedExpiry(license.expires_at, termDays * terms, fields.renewal_basis, new Date(line.placed_at))
    if (!newExpiry || termDays === null || !license.expires_at) {
      this.logger_.warn(`License keys: renewal line ${line.line_item_id} of order ${line.order_id}: license ${license.id} has no term to extend`)
      continue
    }
    const row = await insertRenewal(trx, {
      license_id: license.id,
      order_id: line.order_id,
      line_item_id: line.line_item_id,
      terms,
      term_days: termDays,
      basis: fields.renewal_basis,
      previous_expires_at: license.expires_at,
      new_expires_at: newExpiry,
    })
    if (!row) {
      continue
    }
    await setLicenseExpiry(trx, license.id, newExpiry)
    applied.push({
      id: row.id,
      license_id: license.id,
      order_id: line.order_id,
      line_item_id: line.line_item_id,
      previous_expires_at: new Date(license.expires_at),
      new_expires_at: newExpiry,
    })
  }
  return applied
}
