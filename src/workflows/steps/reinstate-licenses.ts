import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseSelector, LicenseStatusChange, LicenseStatusChangeInput } from "../../modules/license/service"

export type ReinstateLicensesStepInput = LicenseSelector &
  LicenseStatusChangeInput & {
    /** Only licenses whose latest suspension event data contains this (e.g. `{ reason: "dispute" }`). */
    suspended_with: Record<string, string>
  }

/** Reinstates what a given kind of suspension suspended; never a revoked license. */
export const reinstateLicensesStep = createStep(
  { name: "reinstate-licenses", maxRetries: 2 },
  async ({ order_id, license_ids, suspended_with, actor, reason, data }: ReinstateLicensesStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const reinstated: LicenseStatusChange[] = await licenseModule.reinstateLicenses(
      { order_id, license_ids },
      suspended_with,
      { actor, reason, data }
    )
    return new StepResponse(reinstated)
  }
)
