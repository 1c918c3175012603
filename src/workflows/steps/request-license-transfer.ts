import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type RequestLicenseTransferStepInput = { customer_id: string; license_id: string; email: string }

export type RequestLicenseTransferResult = Awaited<ReturnType<LicenseModuleService["requestLicenseTransfer"]>>

/**
 * The owner asks the store to move their license to an e-mail
 * (LicenseModuleService.requestLicenseTransfer): a pending request, or a
 * typed refusal (not theirs, not transferable, one already pending...).
 * Compensation removes the request again while it is still pending.
 */
export const requestLicenseTransferStep = createStep(
  "request-license-transfer",
  async ({ customer_id, license_id, email }: RequestLicenseTransferStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: RequestLicenseTransferResult = await licenseModule.requestLicenseTransfer(customer_id, license_id, email)
    return new StepResponse(result, result.type === "requested" ? result.request.id : null)
  },
  async (requestId, { container }) => {
    if (!requestId) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.discardPendingTransferRequest(requestId)
  }
)
