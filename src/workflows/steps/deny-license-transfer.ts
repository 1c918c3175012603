import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type DenyLicenseTransferStepInput = { request_id: string; actor_id: string; note: string | null }

/**
 * Denies a pending request (LicenseModuleService.denyLicenseTransfer): only
 * the request changes; 404 when unknown, 400 when already decided. No
 * compensation: a decision is final (the owner may ask again).
 */
export const denyLicenseTransferStep = createStep(
  "deny-license-transfer",
  async ({ request_id, actor_id, note }: DenyLicenseTransferStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.denyLicenseTransfer(request_id, actor_id, note))
  }
)
