import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type WithdrawLicenseTransferStepInput = { customer_id: string; license_id: string }

export type WithdrawLicenseTransferResult = Awaited<ReturnType<LicenseModuleService["cancelLicenseTransfer"]>>

/**
 * The owner withdraws their pending request (LicenseModuleService.cancelLicenseTransfer):
 * it ends `canceled`, or a typed refusal when none is pending. No
 * compensation: a withdrawn request stays withdrawn (the owner may ask again).
 */
export const withdrawLicenseTransferStep = createStep(
  "withdraw-license-transfer",
  async ({ customer_id, license_id }: WithdrawLicenseTransferStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: WithdrawLicenseTransferResult = await licenseModule.cancelLicenseTransfer(customer_id, license_id)
    return new StepResponse(result)
  }
)
