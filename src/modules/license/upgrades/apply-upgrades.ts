import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import type LicenseModuleService from "../service"
import { licenseEventRow } from "../sql/events"
import { lockLicense } from "../sql/licenses"
import { entitlementSet } from "../rules/entitlements"
import { insertUpgrade, setLicenseSnapshot, SNAPSHOT_COLUMNS } from "../sql/upgrades"
import { LicenseEventType, SYSTEM_ACTOR } from "../types"
import type { AppliedUpgrade, UpgradeLine, UpgradeSnapshot } from "./types"

/**
 * Moves the same key to the variant of each upgrade line, once per line (docs/renewals-and-upgrades.md "Upgrades"):
 * under the license's row lock the key takes the target variant's cap and policy rules (expiry rules, local sites,
 * heartbeat interval) and the line's titles, and gains the target policy's entitlements; its activations and expiry
 * stay. The row in license_upgrade (unique line item id) makes a second run for the same line
 * (a duplicate event, the reconciliation job, another instance) a no-op; it keeps the snapshot before and after, which
 * a refund puts back. An `upgraded` history row names the order. A line whose target lost its licensed policy is
 * skipped and logged.
 */
export async function applyUpgrades(this: LicenseModuleService, lines: UpgradeLine[], sharedContext: Context): Promise<AppliedUpgrade[]> {
  const trx = transactionKnex(sharedContext)
  const applied: AppliedUpgrade[] = []
  for (const line of [...lines].sort((a, b) => a.license_id.localeCompare(b.license_id) || a.line_item_id.localeCompare(b.line_item_id))) {
    const license = await lockLicense<UpgradeSnapshot & { id: string }>(trx, line.license_id, ["id", ...SNAPSHOT_COLUMNS])
    if (!license) {
      this.logger_.warn(`License keys: upgrade line ${line.line_item_id} of order ${line.order_id} names no license`)
      continue
    }
    const [policy] = await this.listLicensePolicies({ variant_id: line.to_variant_id }, { take: 1 }, sharedContext)
    if (!policy?.licensed) {
      this.logger_.warn(`License keys: upgrade line ${line.line_item_id} of order ${line.order_id}: variant ${line.to_variant_id} is not licensed`)
      continue
    }
    const { id: _id, ...previous } = license
    const next: UpgradeSnapshot = {
      product_id: policy.product_id,
      variant_id: line.to_variant_id,
      product_title: line.product_title ?? previous.product_title,
      variant_title: line.variant_title ?? previous.variant_title,
      max_activations: policy.max_activations,
      expiry_strategy: policy.expiry_strategy,
      grace_days: policy.grace_days,
      expiry_basis: policy.expiry_basis,
      local_sites_free: policy.local_sites_free,
      heartbeat_interval_seconds: policy.heartbeat_interval_seconds,
      // What the customer paid for is added; nothing the key had is taken away (docs/renewals-and-upgrades.md).
      entitlements: entitlementSet([...(previous.entitlements ?? []), ...(policy.entitlements ?? [])]),
    }
    const fromVariant = previous.variant_id ?? ""
    const row = await insertUpgrade(trx, {
      license_id: license.id,
      order_id: line.order_id,
      line_item_id: line.line_item_id,
      from_variant_id: fromVariant,
      to_variant_id: line.to_variant_id,
      previous,
      applied: next,
    })
    if (!row) {
      continue
    }
    await setLicenseSnapshot(trx, license.id, next)
    const upgrade = { id: row.id, license_id: license.id, order_id: line.order_id, line_item_id: line.line_item_id, from_variant_id: fromVariant, to_variant_id: line.to_variant_id, previous, applied: next }
    await this.createLicenseEvents([licenseEventRow(license.id, LicenseEventType.UPGRADED, SYSTEM_ACTOR, upgradeEventData(upgrade))], sharedContext)
    applied.push(upgrade)
  }
  return applied
}

/** The data of an `upgraded` or `upgrade_rolled_back` history row (and of the bus events). */
export const upgradeEventData = (u: AppliedUpgrade, extra: Record<string, unknown> = {}) => ({
  upgrade_id: u.id,
  order_id: u.order_id,
  line_item_id: u.line_item_id,
  from_variant_id: u.from_variant_id,
  to_variant_id: u.to_variant_id,
  previous_max_activations: u.previous.max_activations,
  max_activations: u.applied.max_activations,
  ...extra,
})
