import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type RollBackLicenseRenewalsStepInput = {
  /** No order (an unknown payment): nothing to roll back. */
  order_id: string | null
  /** refund, canceled or return. */
  reason: string
  /** Only the extensions of these line items (a return); absent = all of the order's. */
  line_item_ids?: string[]
}

/** Takes back the extensions an order bought (LicenseModuleService.rollBackRenewals), each at most once. */
export const rollBackLicenseRenewalsStep = createStep(
  "roll-back-license-renewals",
  async ({ order_id, reason, line_item_ids }: RollBackLicenseRenewalsStepInput, { container }) => {
    if (!order_id || (line_item_ids && !line_item_ids.length)) {
      return new StepResponse([])
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.rollBackRenewals(order_id, reason, line_item_ids))
  }
)
