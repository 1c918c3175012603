import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type RotateLicenseWebhookSecretResult = Awaited<ReturnType<LicenseModuleService["rotateWebhookSecret"]>>

/**
 * Replaces an endpoint's signing secret (LicenseModuleService.rotateWebhookSecret);
 * the new one is in the result only; 404 for an unknown id. Compensation puts
 * the previous secret back (as stored: encrypted, with its hint), so a failed
 * run leaves receivers verifying with the secret they have.
 */
export const rotateLicenseWebhookSecretStep = createStep(
  "rotate-license-webhook-secret",
  async ({ id }: { id: string }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const { secret_encrypted, secret_hint } = await licenseModule.retrieveLicenseWebhookEndpoint(id, {
      select: ["id", "secret_encrypted", "secret_hint"],
    })
    const rotated: RotateLicenseWebhookSecretResult = await licenseModule.rotateWebhookSecret(id)
    return new StepResponse(rotated, { id, secret_encrypted, secret_hint })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.updateLicenseWebhookEndpoints(previous)
  }
)
