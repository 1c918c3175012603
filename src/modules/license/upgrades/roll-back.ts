import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { ReleasedBy } from "../rules/deactivation-budget"
import type LicenseModuleService from "../service"
import { heldActivationIds, type ReleasedSlot, releaseActivationSlotById } from "../sql/activations"
import { licenseEventRow, releasedSlotEventData } from "../sql/events"
import { lockLicense } from "../sql/licenses"
import {
  deleteUpgrades, lockLaterUpgradeInForce, lockUpgradesInForce, markUpgradeRolledBack, setLicenseSnapshot, setUpgradePrevious,
  type UpgradeRow,
} from "../sql/upgrades"
import { LicenseEventType, SYSTEM_ACTOR } from "../types"
import { upgradeEventData } from "./apply-upgrades"
import type { RolledBackUpgrade } from "./types"

/**
 * Takes back the upgrades an order bought (all, or those of some of its line items: a return), and only those
 * (docs/renewals-and-upgrades.md "Upgrades"): the key gets its previous variant, cap and policy snapshot back; the
 * slots it holds over the old cap are released newest first (released_by upgrade_rolled_back, not counted against the
 * deactivation budget), each with a `deactivated` history row. When a later upgrade of the same key is in force, the
 * key keeps it and that upgrade's own roll-back will go back to this one's previous snapshot. The key is not revoked
 * (only a refund of the order that bought it does that). Idempotent: an upgrade already taken back is skipped.
 */
export async function rollBackUpgrades(
  this: LicenseModuleService,
  orderId: string,
  reason: string,
  lineItemIds: string[] | undefined,
  discard: boolean,
  sharedContext: Context
): Promise<RolledBackUpgrade[]> {
  const trx = transactionKnex(sharedContext)
  const rolledBack: RolledBackUpgrade[] = []
  for (const upgrade of await lockUpgradesInForce(trx, orderId, lineItemIds)) {
    const license = await lockLicense<{ id: string }>(trx, upgrade.license_id, ["id"])
    if (!license) {
      continue
    }
    const later = await lockLaterUpgradeInForce(trx, upgrade)
    let released: ReleasedSlot[] = []
    if (later) {
      await setUpgradePrevious(trx, later.id, upgrade.previous)
    } else {
      await setLicenseSnapshot(trx, license.id, upgrade.previous)
      released = await releaseSlotsOverCap(trx, license.id, upgrade.previous.max_activations)
    }
    await markUpgradeRolledBack(trx, upgrade.id, reason, released.length)
    const done = { ...asApplied(upgrade), reason }
    const extra = { reason, released: released.length, ...(later ? { superseded_by: later.id } : {}) }
    await this.createLicenseEvents(
      [
        ...released.map((slot) => licenseEventRow(license.id, LicenseEventType.DEACTIVATED, SYSTEM_ACTOR, releasedSlotEventData(slot, { reason: "upgrade_rolled_back", order_id: orderId }))),
        licenseEventRow(license.id, LicenseEventType.UPGRADE_ROLLED_BACK, SYSTEM_ACTOR, upgradeEventData(done, extra)),
      ],
      sharedContext
    )
    rolledBack.push({ ...done, released_slots: released })
  }
  if (discard && rolledBack.length) {
    // A workflow's compensation: the rows go, so the next run applies these lines again.
    await deleteUpgrades(trx, rolledBack.map((r) => r.id))
  }
  return rolledBack
}

/** Frees the held slots over `cap` (0 = unlimited: none), newest first. */
async function releaseSlotsOverCap(trx: Parameters<typeof heldActivationIds>[0], licenseId: string, cap: number): Promise<ReleasedSlot[]> {
  const held = await heldActivationIds(trx, licenseId)
  if (cap <= 0 || held.length <= cap) {
    return []
  }
  const released: ReleasedSlot[] = []
  for (const id of held.slice(cap).reverse()) {
    const slot = await releaseActivationSlotById(trx, licenseId, id, ReleasedBy.UPGRADE_ROLLED_BACK)
    if (slot) {
      released.push(slot)
    }
  }
  return released
}

const asApplied = (row: UpgradeRow) => ({
  id: row.id,
  license_id: row.license_id,
  order_id: row.order_id,
  line_item_id: row.line_item_id,
  from_variant_id: row.from_variant_id,
  to_variant_id: row.to_variant_id,
  previous: row.previous,
  applied: row.applied,
})
