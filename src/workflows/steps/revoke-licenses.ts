import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseSelector, LicenseStatusChange, LicenseStatusChangeInput } from "../../modules/license/service"

export type RevokeLicensesStepInput = LicenseSelector & LicenseStatusChangeInput

/**
 * Revokes the selected licenses that are not revoked yet and returns only those
 * this call revoked (see LicenseModuleService.revokeLicenses). No compensation:
 * revocation is permanent, and a retry revokes nothing twice.
 */
export const revokeLicensesStep = createStep(
  { name: "revoke-licenses", maxRetries: 2 },
  async ({ order_id, license_ids, actor, reason, data }: RevokeLicensesStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const revoked: LicenseStatusChange[] = await licenseModule.revokeLicenses({ order_id, license_ids }, { actor, reason, data })
    return new StepResponse(revoked)
  }
)
