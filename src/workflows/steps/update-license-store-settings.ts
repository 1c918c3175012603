import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type UpdateLicenseStoreSettingsStepInput = { local_site_patterns: string[] }

/**
 * Saves the store-wide licensing settings (LicenseModuleService.updateLicenseStoreSettings:
 * the local and staging site patterns). Compensation puts back the patterns it replaced.
 */
export const updateLicenseStoreSettingsStep = createStep(
  "update-license-store-settings",
  async (input: UpdateLicenseStoreSettingsStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const { previous_local_site_patterns, ...saved } = await licenseModule.updateLicenseStoreSettings(input)
    return new StepResponse(saved, { local_site_patterns: previous_local_site_patterns })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await container.resolve<LicenseModuleService>(LICENSE_MODULE).updateLicenseStoreSettings(previous)
  }
)
