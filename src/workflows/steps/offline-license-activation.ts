import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { OfflineActivationInput } from "../../modules/license/license-files/checkout"

/**
 * An air-gapped machine's activation (service.offlineActivation): the Verify pipeline for the
 * machine of the uploaded request, then its signed license file. A slot it takes is the
 * point of the call and emits license.activated from the Verify pipeline, as a verify does;
 * nothing after this step can fail, so there is no compensation.
 */
export const offlineLicenseActivationStep = createStep("offline-license-activation", async (input: OfflineActivationInput, { container }) => {
  const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
  return new StepResponse(await licenseModule.offlineActivation(input))
})
