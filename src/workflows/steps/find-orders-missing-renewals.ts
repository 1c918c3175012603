import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { forEachPlacedOrderPage, type PlacedOrderWindow } from "../utils/placed-order-pages"
import { type OrderForRenewal, renewalLinesOf } from "../utils/renewal-lines"

/**
 * Placed orders of the window with a renewal line that extended nothing yet: what a crash between order.placed and
 * the extension (or a lost event) leaves behind.
 */
export const findOrdersMissingRenewalsStep = createStep(
  "find-orders-missing-renewals",
  async (input: PlacedOrderWindow, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const missing: string[] = []
    const fields = ["id", "status", "is_draft_order", "created_at", "items.*"]
    await forEachPlacedOrderPage<OrderForRenewal>(container, input, fields, async (orders) => {
      const lines = orders.flatMap(renewalLinesOf)
      if (!lines.length) {
        return
      }
      const done = await licenseModule.listLicenseRenewals({ line_item_id: lines.map((l) => l.line_item_id) }, { take: null, select: ["line_item_id"] })
      const renewed = new Set(done.map((r) => r.line_item_id))
      missing.push(...new Set(lines.filter((l) => !renewed.has(l.line_item_id)).map((l) => l.order_id)))
    })
    return new StepResponse(missing)
  }
)
