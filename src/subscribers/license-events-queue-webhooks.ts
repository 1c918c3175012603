import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from "../modules/license/webhooks/events"
import { enqueueLicenseWebhooksWorkflow } from "../workflows/enqueue-license-webhooks"
import { sendLicenseWebhooksWorkflow } from "../workflows/send-license-webhooks"

/**
 * Every license.* event becomes one queued delivery per endpoint that wants it
 * (docs/webhooks.md). The first attempt starts right away, without waiting for
 * it here; retries are the scheduled job's. The request that caused the event
 * answered before this runs. An event no endpoint wants ends at one query.
 */
export default async function queueLicenseWebhooks({ event, container }: SubscriberArgs<Record<string, unknown>>) {
  if (!isWebhookEventType(event.name)) {
    return
  }
  const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
  if (!(await licenseModule.hasWebhookEndpointFor(event.name))) {
    return
  }
  const data = event.data ?? {}
  const licenseId = typeof data.id === "string" ? data.id : null
  const { result: ids } = await enqueueLicenseWebhooksWorkflow(container).run({
    input: { type: event.name, license_id: licenseId, data },
  })
  if (ids.length) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    sendLicenseWebhooksWorkflow(container)
      .run({ input: { delivery_ids: ids } })
      .catch((error: Error) => logger.error(`License keys: webhook send failed: ${error.message}`))
  }
}

export const config: SubscriberConfig = {
  event: [...WEBHOOK_EVENT_TYPES],
  context: { subscriberId: "license-keys-queue-webhooks" },
}
