import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseActor } from "../../modules/license/types"

export type ResetLicenseActivationsStepInput = { license_id: string; actor: LicenseActor }

export type ResetLicenseActivationsResult = Awaited<ReturnType<LicenseModuleService["resetActivations"]>>

/**
 * Frees every held slot of the license in one transaction, with one `reset`
 * event listing them (LicenseModuleService.resetActivations). No
 * compensation: a freed slot may be taken by another site at once, so it
 * cannot be given back.
 */
export const resetLicenseActivationsStep = createStep(
  "reset-license-activations",
  async ({ license_id, actor }: ResetLicenseActivationsStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: ResetLicenseActivationsResult = await licenseModule.resetActivations(license_id, actor)
    return new StepResponse(result)
  }
)
