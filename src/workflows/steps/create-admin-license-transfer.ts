import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type CreateAdminLicenseTransferInput = { license_id: string; email: string; actor_id: string }

/** A direct transfer starts as a request made by the admin; removed again if its approval fails. */
export const createAdminLicenseTransferStep = createStep(
  "create-admin-license-transfer",
  async ({ license_id, email, actor_id }: CreateAdminLicenseTransferInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const request = await licenseModule.createAdminTransferRequest(license_id, email, actor_id)
    return new StepResponse({ id: request.id }, request.id)
  },
  async (requestId, { container }) => {
    if (!requestId) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.discardPendingTransferRequest(requestId)
  }
)
