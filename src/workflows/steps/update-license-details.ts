import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseDetailsChange, LicenseDetailsUpdate } from "../../modules/license/service"
import type { LicenseActor } from "../../modules/license/types"

export type UpdateLicenseDetailsStepInput = { id: string; update: LicenseDetailsUpdate; actor: LicenseActor }

/**
 * Edits a license and records the `updated` event (see
 * LicenseModuleService.updateLicenseDetails). Compensation puts the previous
 * values back, which is itself recorded as an edit.
 */
export const updateLicenseDetailsStep = createStep(
  "update-license-details",
  async ({ id, update, actor }: UpdateLicenseDetailsStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: LicenseDetailsChange = await licenseModule.updateLicenseDetails(id, update, actor)
    return new StepResponse(result, { result, actor })
  },
  async (compensation, { container }) => {
    if (!compensation || !Object.keys(compensation.result.changes).length) {
      return
    }
    const { result, actor } = compensation
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const { before, changes } = result
    const previous = Object.fromEntries(Object.keys(changes).map((field) => [field, before[field as keyof typeof before]]))
    await licenseModule.updateLicenseDetails(
      result.id,
      { ...previous, ...(changes.expires_at ? { expires_at: before.expires_at ? new Date(before.expires_at) : null } : {}) },
      actor
    )
  }
)
