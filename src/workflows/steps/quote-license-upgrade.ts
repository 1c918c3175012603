import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { RenewalCart, RenewalTarget } from "../../modules/license/actions"
import type LicenseModuleService from "../../modules/license/service"

export type QuoteLicenseUpgradeStepInput = { target: RenewalTarget; to_variant_id: string; cart: RenewalCart }

/** Whether the license can be upgraded to the variant in the cart (LicenseModuleService.quoteUpgrade); a read. */
export const quoteLicenseUpgradeStep = createStep(
  "quote-license-upgrade",
  async ({ target, to_variant_id, cart }: QuoteLicenseUpgradeStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.quoteUpgrade(target, to_variant_id, cart))
  }
)
