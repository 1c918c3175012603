import { transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LicenseEvents } from "../../modules/license/types"
import { rollBackLicenseUpgradesStep } from "../steps/roll-back-license-upgrades"
import { slotReleasedEventData } from "./slot-released-event"
import { upgradeBusEvents } from "./upgrade-lines"

/**
 * Inside a roll-back workflow (a refund, cancellation or return of an order, next to its renewals' roll-back): takes
 * back the order's upgrades and emits license.upgrade_rolled_back for each and license.deactivated for each slot over
 * the old cap it released, as the admin's and the customer's frees do.
 */
export function rollBackOrderUpgrades(input: Parameters<typeof rollBackLicenseUpgradesStep>[0]) {
  const rolledBack = rollBackLicenseUpgradesStep(input)
  emitEventStep({
    eventName: LicenseEvents.UPGRADE_ROLLED_BACK,
    data: transform({ rolledBack }, ({ rolledBack }) => upgradeBusEvents(rolledBack)),
  }).config({ name: "emit-upgrade-rolled-back" })
  emitEventStep({
    eventName: LicenseEvents.DEACTIVATED,
    data: transform({ rolledBack }, ({ rolledBack }) =>
      rolledBack.flatMap((u) => u.released_slots.map((slot) => ({ ...slotReleasedEventData(u.license_id, slot), reason: "upgrade_rolled_back", order_id: u.order_id })))
    ),
  }).config({ name: "emit-upgrade-slots-released" })
  return rolledBack
}
