import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type RequeueLicenseWebhookDeliveryStepInput = { endpoint_id: string; delivery_id: string }

/**
 * Queues a delivery again with a fresh cycle of attempts
 * (LicenseModuleService.resendWebhookDelivery); 404 when unknown, 400 while it
 * is being sent. No compensation: once pending, the scheduled sender may claim
 * and send it at any moment, so the resend cannot be taken back.
 */
export const requeueLicenseWebhookDeliveryStep = createStep(
  "requeue-license-webhook-delivery",
  async ({ endpoint_id, delivery_id }: RequeueLicenseWebhookDeliveryStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.resendWebhookDelivery(endpoint_id, delivery_id))
  }
)
