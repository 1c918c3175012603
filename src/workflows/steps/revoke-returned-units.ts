import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE, type LicenseActor } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseStatusChange, ReturnedUnits } from "../../modules/license/service"

export type RevokeReturnedUnitsStepInput = {
  order_id: string
  units: ReturnedUnits[]
  actor: LicenseActor
  data?: Record<string, unknown>
}

/** Revokes one key per returned unit (see LicenseModuleService.revokeReturnedUnits). */
export const revokeReturnedUnitsStep = createStep(
  { name: "revoke-returned-units", maxRetries: 2 },
  async ({ order_id, units, actor, data }: RevokeReturnedUnitsStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const revoked: LicenseStatusChange[] = await licenseModule.revokeReturnedUnits(order_id, units, {
      actor,
      data,
    })
    return new StepResponse(revoked)
  }
)
