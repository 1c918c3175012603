import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

/** Reads one webhook delivery (its state after a resend). */
export const retrieveLicenseWebhookDeliveryStep = createStep(
  "retrieve-license-webhook-delivery",
  async ({ id }: { id: string }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.retrieveLicenseWebhookDelivery(id))
  }
)
