import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { WebhookEventType } from "../../modules/license/webhooks/events"

export type EnqueueLicenseWebhookEventInput = {
  type: WebhookEventType
  license_id: string | null
  /** The event's details (what the bus event carried), sent along with the license. */
  data: Record<string, unknown>
}

/** Queues the event for every endpoint that wants it; returns the new deliveries' ids. */
export const enqueueLicenseWebhookEventStep = createStep(
  { name: "enqueue-license-webhook-event", maxRetries: 2 },
  async ({ type, license_id, data }: EnqueueLicenseWebhookEventInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const ids = await licenseModule.enqueueWebhookEvent(type, license_id, data)
    return new StepResponse(ids)
  }
)
