import { model } from "@medusajs/framework/utils"

/**
 * The delivery state of the e-mail that sends an order's keys to its customer
 * (docs: README "Issuance"): one row per order. `attempts` counts the attempts
 * of the current cycle (a Resend starts a new one), `sends` every attempt ever
 * made (it numbers the notification's idempotency key, so each attempt is a
 * notification of its own). While an attempt runs the row is `sending` and
 * `lease_until` says when another sender may take it over. `last_error` is
 * redacted: no key is ever stored here.
 */
const LicenseIssuanceNotice = model
  .define("license_issuance_notice", {
    id: model.id({ prefix: "lisn" }).primaryKey(),
    order_id: model.text(),
    status: model.enum(["pending", "sending", "sent", "failed"]).default("pending"),
    attempts: model.number().default(0),
    sends: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    lease_until: model.dateTime().nullable(),
    last_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    notification_id: model.text().nullable(),
  })
  .indexes([
    { on: ["order_id"], unique: true },
    { on: ["status", "next_attempt_at"] },
  ])

export default LicenseIssuanceNotice
