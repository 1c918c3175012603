import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type CreateLicenseWebhookEndpointStepInput = Parameters<LicenseModuleService["createWebhookEndpoint"]>[0]

export type CreateLicenseWebhookEndpointResult = Awaited<ReturnType<LicenseModuleService["createWebhookEndpoint"]>>

/**
 * Registers an endpoint (LicenseModuleService.createWebhookEndpoint: the URL
 * and events are checked there); the signing secret is in the result only.
 * Compensation deletes the endpoint again. Only its id is kept for that, never
 * the secret.
 */
export const createLicenseWebhookEndpointStep = createStep(
  "create-license-webhook-endpoint",
  async (input: CreateLicenseWebhookEndpointStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const created: CreateLicenseWebhookEndpointResult = await licenseModule.createWebhookEndpoint(input)
    return new StepResponse(created, created.endpoint.id)
  },
  async (endpointId, { container }) => {
    if (!endpointId) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.deleteLicenseWebhookEndpoints(endpointId)
  }
)
