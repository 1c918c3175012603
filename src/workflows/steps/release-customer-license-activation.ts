import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type ReleaseCustomerLicenseActivationStepInput = {
  customer_id: string
  license_id: string
  activation_id: string
}

export type ReleaseCustomerLicenseActivationResult = Awaited<
  ReturnType<LicenseModuleService["releaseCustomerActivation"]>
>

/**
 * The customer frees one slot of their own license
 * (LicenseModuleService.releaseCustomerActivation). A refusal (not theirs,
 * turned off by the store, cool-down, budget used up, not held) is a result
 * with a typed code, not a failure. No compensation: a freed slot may be
 * taken by another site at once.
 */
export const releaseCustomerLicenseActivationStep = createStep(
  "release-customer-license-activation",
  async ({ customer_id, license_id, activation_id }: ReleaseCustomerLicenseActivationStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: ReleaseCustomerLicenseActivationResult = await licenseModule.releaseCustomerActivation(
      customer_id,
      license_id,
      activation_id
    )
    return new StepResponse(result)
  }
)
