import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { RenewalCart, RenewalTarget } from "../../modules/license/actions"
import type LicenseModuleService from "../../modules/license/service"

export type QuoteLicenseRenewalStepInput = { target: RenewalTarget; cart: RenewalCart }

/** Whether the license can be renewed into the cart, and on what terms (LicenseModuleService.quoteRenewal); a read. */
export const quoteLicenseRenewalStep = createStep(
  "quote-license-renewal",
  async ({ target, cart }: QuoteLicenseRenewalStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.quoteRenewal(target, cart))
  }
)
