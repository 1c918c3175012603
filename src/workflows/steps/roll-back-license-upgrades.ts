import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { RollBackLicenseRenewalsStepInput } from "./roll-back-license-renewals"

/** Takes back the upgrades an order bought (LicenseModuleService.rollBackUpgrades), each at most once. */
export const rollBackLicenseUpgradesStep = createStep(
  "roll-back-license-upgrades",
  async ({ order_id, reason, line_item_ids }: RollBackLicenseRenewalsStepInput, { container }) => {
    if (!order_id || (line_item_ids && !line_item_ids.length)) {
      return new StepResponse([])
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.rollBackUpgrades(order_id, reason, line_item_ids))
  }
)
