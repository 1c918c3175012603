import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

/** The pending request to approve; 404 when unknown, 400 when already decided. */
export const loadPendingLicenseTransferStep = createStep(
  "load-pending-license-transfer",
  async ({ request_id }: { request_id: string }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const request = await licenseModule.retrievePendingTransfer(request_id)
    return new StepResponse({ id: request.id, license_id: request.license_id, to_email: request.to_email })
  }
)
