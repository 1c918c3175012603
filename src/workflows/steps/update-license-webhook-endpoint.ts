import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type UpdateLicenseWebhookEndpointStepInput = {
  id: string
  update: Parameters<LicenseModuleService["updateWebhookEndpoint"]>[1]
}

/**
 * Changes an endpoint's URL (checked again), events, enabled, KeyPort-compatible flag or description
 * (LicenseModuleService.updateWebhookEndpoint); 404 for an unknown id.
 * Compensation writes the previous values back as they were (not checked
 * again: they were accepted when set, and a URL check may depend on DNS).
 */
export const updateLicenseWebhookEndpointStep = createStep(
  "update-license-webhook-endpoint",
  async ({ id, update }: UpdateLicenseWebhookEndpointStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const { url, events, enabled, keyport_compatible, description } = await licenseModule.retrieveWebhookEndpoint(id)
    const updated = await licenseModule.updateWebhookEndpoint(id, update)
    return new StepResponse(updated, { id, url, events, enabled, keyport_compatible, description })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.updateLicenseWebhookEndpoints(previous)
  }
)
