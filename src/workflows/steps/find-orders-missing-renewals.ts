import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { forEachPlacedOrderPage, type PlacedOrderWindow } from "../utils/placed-order-pages"
import { type OrderForRenewal, renewalLinesOf } from "../utils/renewal-lines"
import { type OrderForUpgrade, upgradeLinesOf } from "../utils/upgrade-lines"

/**
 * Placed orders of the window with a renewal or upgrade line that changed nothing yet: what a crash between
 * order.placed and the extension or upgrade (or a lost event) leaves behind.
 */
export const findOrdersMissingRenewalsStep = createStep(
  "find-orders-missing-renewals",
  async (input: PlacedOrderWindow, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const missing = new Set<string>()
    const fields = ["id", "status", "is_draft_order", "created_at", "items.*"]
    await forEachPlacedOrderPage<OrderForRenewal & OrderForUpgrade>(container, input, fields, async (orders) => {
      const renewals = orders.flatMap(renewalLinesOf)
      const upgrades = orders.flatMap(upgradeLinesOf)
      const options = { take: null, select: ["line_item_id"] }
      const done = new Set([
        ...(renewals.length ? await licenseModule.listLicenseRenewals({ line_item_id: renewals.map((l) => l.line_item_id) }, options) : []),
        ...(upgrades.length ? await licenseModule.listLicenseUpgrades({ line_item_id: upgrades.map((l) => l.line_item_id) }, options) : []),
      ].map((r) => r.line_item_id))
      for (const line of [...renewals, ...upgrades]) {
        if (!done.has(line.line_item_id)) {
          missing.add(line.order_id)
        }
      }
    })
    return new StepResponse([...missing])
  }
)
