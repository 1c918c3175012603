import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resendLicenseWebhookDeliveryWorkflow } from "../../../../../../../workflows/resend-license-webhook-delivery"
import { sendLicenseWebhooksWorkflow } from "../../../../../../../workflows/send-license-webhooks"
import { presentWebhookDelivery } from "../../../../present"

/**
 * Queues the delivery again with a fresh cycle of attempts (same event id, so
 * a receiver that already has it can tell). The first attempt starts at once;
 * this answer does not wait for it.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result: delivery } = await resendLicenseWebhookDeliveryWorkflow(req.scope).run({
    input: { endpoint_id: req.params.id, delivery_id: req.params.delivery_id },
  })
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  sendLicenseWebhooksWorkflow(req.scope)
    .run({ input: { delivery_ids: [delivery.id] } })
    .catch((error: Error) => logger.error(`License keys: webhook resend failed: ${error.message}`))
  res.status(202).json({ delivery: presentWebhookDelivery(delivery) })
}
