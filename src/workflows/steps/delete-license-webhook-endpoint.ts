import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

/**
 * Deletes an endpoint and its deliveries (LicenseModuleService.deleteWebhookEndpoint);
 * 404 for an unknown id. No compensation: the deliveries go with it, and a
 * re-created endpoint would need a new secret.
 */
export const deleteLicenseWebhookEndpointStep = createStep(
  "delete-license-webhook-endpoint",
  async ({ id }: { id: string }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.deleteWebhookEndpoint(id)
    return new StepResponse({ id })
  }
)
