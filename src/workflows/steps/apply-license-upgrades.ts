import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { UpgradeLine } from "../../modules/license/actions"
import type LicenseModuleService from "../../modules/license/service"

/**
 * Moves the keys an order's upgrade lines paid for to their new variant (LicenseModuleService.applyUpgrades: once per
 * line item). Compensation undoes the upgrades this run made, so a later run applies them again.
 */
export const applyLicenseUpgradesStep = createStep(
  "apply-license-upgrades",
  async (lines: UpgradeLine[], { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const applied = await licenseModule.applyUpgrades(lines)
    return new StepResponse(applied, applied.map((u) => ({ order_id: u.order_id, line_item_id: u.line_item_id })))
  },
  async (made, { container }) => {
    if (!made?.length) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    for (const orderId of new Set(made.map((m) => m.order_id))) {
      await licenseModule.rollBackUpgrades(orderId, "compensation", made.filter((m) => m.order_id === orderId).map((m) => m.line_item_id), true)
    }
  }
)
