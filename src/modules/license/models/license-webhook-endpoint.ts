import { model } from "@medusajs/framework/utils"
import LicenseWebhookDelivery from "./license-webhook-delivery"

/**
 * A URL the store owner registered to receive license events. The signing
 * secret is stored encrypted (the module's key vault, like license keys) so the
 * plugin can sign with it; it is shown in clear only when created or rotated.
 */
const LicenseWebhookEndpoint = model
  .define("license_webhook_endpoint", {
    id: model.id({ prefix: "lwhe" }).primaryKey(),
    url: model.text(),
    description: model.text().nullable(),
    // The event types to send, e.g. ["license.issued", "license.revoked"].
    events: model.array(),
    enabled: model.boolean().default(true),
    // Also sign with X-KeyPort-Signature (docs/migrating-from-keyport.md).
    keyport_compatible: model.boolean().default(false),
    secret_encrypted: model.text(),
    // The secret's last characters, so the admin can tell secrets apart.
    secret_hint: model.text(),
    deliveries: model.hasMany(() => LicenseWebhookDelivery, { mappedBy: "endpoint" }),
  })
  .cascades({ delete: ["deliveries"] })

export default LicenseWebhookEndpoint
