import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { RenewalLine } from "../../modules/license/actions"
import type LicenseModuleService from "../../modules/license/service"

/**
 * Extends the keys an order's renewal lines paid for (LicenseModuleService.applyRenewals: once per line item).
 * Compensation undoes the extensions this run made, so a later run applies them again.
 */
export const applyLicenseRenewalsStep = createStep(
  "apply-license-renewals",
  async (lines: RenewalLine[], { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const applied = await licenseModule.applyRenewals(lines)
    return new StepResponse(applied, applied.map((r) => ({ order_id: r.order_id, line_item_id: r.line_item_id })))
  },
  async (made, { container }) => {
    if (!made?.length) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    for (const orderId of new Set(made.map((m) => m.order_id))) {
      await licenseModule.rollBackRenewals(orderId, "compensation", made.filter((m) => m.order_id === orderId).map((m) => m.line_item_id), true)
    }
  }
)
