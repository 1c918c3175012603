import { model } from "@medusajs/framework/utils"
import LicenseWebhookEndpoint from "./license-webhook-endpoint"

/**
 * One event to send to one endpoint, and what happened to it. The row is the
 * queue: a sender claims due rows (`next_attempt_at <= now()`) with FOR UPDATE
 * SKIP LOCKED, so several server instances never send one row at the same time
 * (docs/webhooks.md).
 */
const LicenseWebhookDelivery = model
  .define("license_webhook_delivery", {
    id: model.id({ prefix: "lwhd" }).primaryKey(),
    // The event's id (the payload's `id`): the same for every endpoint it goes to.
    event_id: model.text(),
    type: model.text(),
    license_id: model.text().nullable(),
    payload: model.json(),
    // pending: waiting for its next attempt; sending: claimed by a sender until
    // next_attempt_at (a lease); succeeded; failed: attempts exhausted.
    status: model.enum(["pending", "sending", "succeeded", "failed"]).default("pending"),
    attempts: model.number().default(0),
    response_code: model.number().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    last_attempt_at: model.dateTime().nullable(),
    delivered_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    endpoint: model.belongsTo(() => LicenseWebhookEndpoint, { mappedBy: "deliveries" }),
  })
  .indexes([
    // The sender's queue scan: due rows only.
    {
      name: "IDX_license_webhook_delivery_due",
      on: ["next_attempt_at"],
      where: "status IN ('pending', 'sending') AND deleted_at IS NULL",
    },
    // An event reaches an endpoint once, however often it is enqueued.
    { on: ["endpoint_id", "event_id"], unique: true },
    { on: ["endpoint_id", "created_at"] },
    { on: ["license_id"] },
  ])

export default LicenseWebhookDelivery
