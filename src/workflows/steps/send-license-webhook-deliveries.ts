import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { WebhookSendSummary } from "../../modules/license/webhooks/types"

export type SendLicenseWebhookDeliveriesInput = { delivery_ids?: string[] | null }

/**
 * Claims due deliveries and sends them (LicenseModuleService.sendWebhookDeliveries).
 * No step retry: a failed attempt is recorded on its row and retried from there,
 * with backoff, by a later run. Secrets never leave the module: the step's
 * output is a summary.
 */
export const sendLicenseWebhookDeliveriesStep = createStep(
  "send-license-webhook-deliveries",
  async ({ delivery_ids }: SendLicenseWebhookDeliveriesInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const summary: WebhookSendSummary = await licenseModule.sendWebhookDeliveries({ ids: delivery_ids ?? null })
    return new StepResponse(summary)
  }
)
