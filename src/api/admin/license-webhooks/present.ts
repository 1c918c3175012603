import type { LicenseWebhookDeliveryDTO } from "../../../modules/license/service"

/** A delivery as the admin sees it: its payload (license data with the key hint only), status and attempts. */
export function presentWebhookDelivery(delivery: LicenseWebhookDeliveryDTO) {
  return {
    id: delivery.id,
    endpoint_id: (delivery as LicenseWebhookDeliveryDTO & { endpoint_id: string }).endpoint_id,
    event_id: delivery.event_id,
    type: delivery.type,
    license_id: delivery.license_id,
    status: delivery.status,
    attempts: delivery.attempts,
    response_code: delivery.response_code,
    last_error: delivery.last_error,
    next_attempt_at: delivery.status === "pending" ? delivery.next_attempt_at : null,
    last_attempt_at: delivery.last_attempt_at,
    delivered_at: delivery.delivered_at,
    payload: delivery.payload,
    created_at: delivery.created_at,
  }
}
