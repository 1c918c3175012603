import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { managerKnex } from "../database"
import type LicenseModuleService from "../service"
import { TurnBatcher } from "../turn-batcher"
import {
  type AttemptOutcome,
  endpointsWanting,
  type ClaimedDelivery,
  claimDueDeliveries,
  insertDeliveries,
  recordAttempt,
} from "../sql/webhook-deliveries"
import { productWebhooksEnabled } from "../sql/product-settings"
import { retryDelayMs } from "../rules/backoff"
import type { WebhookEventType } from "./events"
import { type PostResult, postWebhook } from "./http-post"
import { buildWebhookPayload } from "./payload"
import { SendSlots } from "./send-slots"
import { deliveryHeaders } from "./standard-webhooks"
import { WEBHOOK_LEASE_MARGIN_MS, WEBHOOK_SENDS_PER_PROCESS, type WebhookSendSummary } from "./types"

/**
 * The outbound webhook queue (docs/webhooks.md): a license.* event on the bus
 * (src/subscribers) becomes one delivery row per endpoint that wants it, and
 * the sender POSTs due rows, signed, with retries. The queue is PostgreSQL's
 * (claims with FOR UPDATE SKIP LOCKED), so any number of server processes
 * share it; only the send slots are per process.
 */

/** The send slots of one module instance (this process): at most WEBHOOK_SENDS_PER_PROCESS deliveries in flight. */
export const processSendSlots = () => new SendSlots(WEBHOOK_SENDS_PER_PROCESS)

/**
 * Whether any enabled endpoint wants events of this type: one small prepared statement on the
 * pool (no entity manager), which the checks of one event-loop turn share (turn-batcher.ts),
 * so that an event nobody listens to (most activations, in most stores) costs no workflow run and,
 * under load, a fraction of a query.
 */
export async function hasWebhookEndpointFor(this: LicenseModuleService, type: WebhookEventType): Promise<boolean> {
  return await this.webhookEndpointChecks().load(type)
}

/** The per-turn batcher of those checks, one per module instance (created by the service). */
export const webhookEndpointChecks = (knex: Knex) => new TurnBatcher<string, boolean>((types) => endpointsWanting(knex, types))

/**
 * Queues one event for every enabled endpoint that subscribed to its type,
 * with the license as it is now (its key hint, never the key). Returns the new
 * deliveries' ids; none (after one query) when no endpoint wants the event.
 */
export async function enqueueWebhookEvent(
  this: LicenseModuleService,
  type: WebhookEventType,
  licenseId: string | null,
  details: Record<string, unknown>,
  sharedContext: Context
): Promise<string[]> {
  const endpoints = (
    await this.listLicenseWebhookEndpoints({ enabled: true }, { take: null, select: ["id", "events"] }, sharedContext)
  ).filter((endpoint) => Array.isArray(endpoint.events) && (endpoint.events as string[]).includes(type))
  if (!endpoints.length) {
    return []
  }
  const [license] = licenseId ? await this.listLicenses({ id: licenseId }, { take: 1 }, sharedContext) : []
  // The product's webhooks switch (docs/webhooks.md "Per product"): off = nothing queued for its licenses.
  if (license?.product_id && !(await productWebhooksEnabled(managerKnex(sharedContext), license.product_id))) {
    return []
  }
  const eventId = generateEntityId(undefined, "evt")
  const payload = buildWebhookPayload(eventId, type, license ?? null, details)
  return await insertDeliveries(
    managerKnex(sharedContext),
    endpoints.map((endpoint) => ({ endpoint_id: endpoint.id, event_id: eventId, type, license_id: licenseId, payload }))
  )
}

/**
 * Sends due deliveries (only `ids`, when given): claims as many as this
 * process has free send slots (in one transaction), POSTs each one signed, to
 * its checked address, within the timeout, and records the result: succeeded,
 * a retry after an exponential backoff with jitter, or failed once the
 * attempts are used up.
 */
export async function sendWebhookDeliveries(
  this: LicenseModuleService,
  options: { ids?: string[] | null } = {}
): Promise<WebhookSendSummary> {
  const slots = this.webhookSendSlots_
  const summary: WebhookSendSummary = { claimed: 0, succeeded: 0, retrying: 0, failed: 0 }
  const reserved = slots.reserve(options.ids ? Math.min(options.ids.length, slots.capacity) : slots.capacity)
  if (!reserved) {
    return summary
  }
  const db = this.pgConnection_()
  const leaseMs = this.options_.webhooks.timeoutMs + WEBHOOK_LEASE_MARGIN_MS
  let claimed: ClaimedDelivery[]
  try {
    claimed = await db.transaction((trx) => claimDueDeliveries(trx, { ids: options.ids ?? null, limit: reserved, leaseMs }))
  } catch (error) {
    slots.release(reserved)
    throw error
  }
  slots.release(reserved - claimed.length)
  summary.claimed = claimed.length
  await Promise.all(
    claimed.map(async (delivery) => {
      try {
        const outcome = await sendWebhookDelivery(this, delivery)
        summary[outcome]++
      } finally {
        slots.release()
      }
    })
  )
  return summary
}

async function sendWebhookDelivery(
  service: LicenseModuleService,
  delivery: ClaimedDelivery
): Promise<"succeeded" | "retrying" | "failed"> {
  const options = service.options_.webhooks
  const body = JSON.stringify(delivery.payload)
  let result: PostResult
  try {
    const secret = service.keys_.vault.decrypt(delivery.secret_encrypted)
    result = await postWebhook({
      url: delivery.url,
      body,
      headers: {
        ...deliveryHeaders(secret, body, delivery.id, undefined, { keyport: delivery.keyport_compatible }),
        "X-License-Event": delivery.type,
        "X-License-Delivery": delivery.id,
      },
      timeoutMs: options.timeoutMs,
      allowPrivateNetworks: options.allowPrivateNetworks,
    })
  } catch (error) {
    result = { ok: false, status: null, error: (error as Error).message }
  }
  const outcome: AttemptOutcome = result.ok
    ? { type: "succeeded", responseCode: result.status }
    : delivery.attempts >= options.maxAttempts
      ? { type: "failed", responseCode: result.status, error: result.error }
      : {
          type: "retry",
          responseCode: result.status,
          error: result.error,
          delayMs: retryDelayMs(delivery.attempts, options.backoffBaseMs, options.backoffMaxMs),
        }
  try {
    await recordAttempt(service.pgConnection_(), delivery.id, delivery.attempts, outcome)
  } catch (error) {
    // The lease runs out and another run tries again.
    service.logger_.error(`License keys: could not record webhook delivery ${delivery.id}`, error)
  }
  return outcome.type === "retry" ? "retrying" : outcome.type
}
