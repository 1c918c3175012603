import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseSelector, LicenseStatusChange, LicenseStatusChangeInput } from "../../modules/license/service"

export type SuspendLicensesStepInput = LicenseSelector & LicenseStatusChangeInput

/** Suspends the selected active licenses; returns those this call suspended. */
export const suspendLicensesStep = createStep(
  { name: "suspend-licenses", maxRetries: 2 },
  async ({ order_id, license_ids, actor, reason, data }: SuspendLicensesStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const suspended: LicenseStatusChange[] = await licenseModule.suspendLicenses({ order_id, license_ids }, { actor, reason, data })
    return new StepResponse(suspended)
  }
)
