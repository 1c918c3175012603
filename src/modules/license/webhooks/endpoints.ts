import type { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { managerKnex } from "../database"
import type LicenseModuleService from "../service"
import type { LicenseWebhookDeliveryDTO } from "../service"
import { requeueDelivery } from "../sql/webhook-deliveries"
import { isWebhookEventType, type WebhookEventType } from "./events"
import { generateWebhookSecret, webhookSecretHint } from "./secret"
import { assertSafeWebhookUrl, WebhookUrlError } from "./ssrf-guard"
import { presentWebhookEndpoint, type WebhookEndpointInput, type WebhookEndpointUpdate, type WebhookEndpointView } from "./types"

/**
 * Outbound webhook endpoints and their delivery log, for the admin
 * (docs/webhooks.md). The queue and its sender are in ./deliveries.ts.
 */

export async function listWebhookEndpoints(this: LicenseModuleService): Promise<WebhookEndpointView[]> {
  const endpoints = await this.listLicenseWebhookEndpoints({}, { take: null, order: { created_at: "ASC" } })
  return endpoints.map(presentWebhookEndpoint)
}

export async function retrieveWebhookEndpoint(this: LicenseModuleService, id: string): Promise<WebhookEndpointView> {
  return presentWebhookEndpoint(await this.retrieveLicenseWebhookEndpoint(id))
}

/** Registers an endpoint; the signing secret is returned here and never again. */
export async function createWebhookEndpoint(
  this: LicenseModuleService,
  input: WebhookEndpointInput
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const url = await checkWebhookUrl(this, input.url)
  const events = checkWebhookEvents(input.events)
  const secret = generateWebhookSecret()
  const created = await this.createLicenseWebhookEndpoints({
    url,
    events,
    enabled: input.enabled ?? true,
    keyport_compatible: input.keyport_compatible ?? false,
    description: input.description?.trim() || null,
    secret_encrypted: this.keys_.vault.encrypt(secret),
    secret_hint: webhookSecretHint(secret),
  })
  return { endpoint: presentWebhookEndpoint(created), secret }
}

export async function updateWebhookEndpoint(
  this: LicenseModuleService,
  id: string,
  update: WebhookEndpointUpdate
): Promise<WebhookEndpointView> {
  await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
  const changes: Record<string, unknown> = {}
  if (update.url !== undefined) {
    changes.url = await checkWebhookUrl(this, update.url)
  }
  if (update.events !== undefined) {
    changes.events = checkWebhookEvents(update.events)
  }
  if (update.enabled !== undefined) {
    changes.enabled = update.enabled
  }
  if (update.keyport_compatible !== undefined) {
    changes.keyport_compatible = update.keyport_compatible
  }
  if (update.description !== undefined) {
    changes.description = update.description?.trim() || null
  }
  const updated = await this.updateLicenseWebhookEndpoints({ id, ...changes })
  return presentWebhookEndpoint(updated)
}

/** Replaces the signing secret; the new one is returned here and never again. */
export async function rotateWebhookSecret(
  this: LicenseModuleService,
  id: string
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
  const secret = generateWebhookSecret()
  const updated = await this.updateLicenseWebhookEndpoints({
    id,
    secret_encrypted: this.keys_.vault.encrypt(secret),
    secret_hint: webhookSecretHint(secret),
  })
  return { endpoint: presentWebhookEndpoint(updated), secret }
}

/** Deletes an endpoint and its deliveries. */
export async function deleteWebhookEndpoint(this: LicenseModuleService, id: string): Promise<void> {
  await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
  await this.deleteLicenseWebhookEndpoints(id)
}

/** An endpoint's deliveries, newest first. */
export async function listWebhookDeliveries(
  this: LicenseModuleService,
  endpointId: string,
  filters: { status?: string[] },
  page: { skip: number; take: number }
): Promise<[LicenseWebhookDeliveryDTO[], number]> {
  await this.retrieveLicenseWebhookEndpoint(endpointId, { select: ["id"] })
  return await this.listAndCountLicenseWebhookDeliveries(
    { endpoint_id: endpointId, ...(filters.status?.length ? { status: filters.status as LicenseWebhookDeliveryDTO["status"][] } : {}) },
    { skip: page.skip, take: page.take, order: { created_at: "DESC", id: "DESC" } }
  )
}

/** Queues a delivery again with a fresh cycle of attempts (the admin's Resend). */
export async function resendWebhookDelivery(
  this: LicenseModuleService,
  endpointId: string,
  deliveryId: string,
  sharedContext: Context
): Promise<string> {
  const requeued = await requeueDelivery(managerKnex(sharedContext), endpointId, deliveryId)
  if (!requeued) {
    const [delivery] = await this.listLicenseWebhookDeliveries(
      { id: deliveryId, endpoint_id: endpointId },
      { take: 1, select: ["id"] },
      sharedContext
    )
    if (!delivery) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook delivery with id: ${deliveryId} was not found`)
    }
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This delivery is being sent right now. Try again in a moment.")
  }
  return requeued.id
}

async function checkWebhookUrl(service: LicenseModuleService, input: string): Promise<string> {
  try {
    const url = await assertSafeWebhookUrl(input.trim(), service.options_.webhooks.allowPrivateNetworks)
    return url.toString()
  } catch (error) {
    if (error instanceof WebhookUrlError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    }
    throw error
  }
}

function checkWebhookEvents(events: string[]): WebhookEventType[] {
  const unique = [...new Set(events)]
  const unknown = unique.filter((event) => !isWebhookEventType(event))
  if (!unique.length || unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      unknown.length ? `Unknown webhook event(s): ${unknown.join(", ")}` : "Choose at least one event to send"
    )
  }
  return unique as WebhookEventType[]
}

