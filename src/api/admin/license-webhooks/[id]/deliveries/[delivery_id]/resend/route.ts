import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../../../modules/license"
import type LicenseModuleService from "../../../../../../../modules/license/service"
import { sendLicenseWebhooksWorkflow } from "../../../../../../../workflows/send-license-webhooks"
import { presentWebhookDelivery } from "../../../../present"

/**
 * Queues the delivery again with a fresh cycle of attempts (same event id, so
 * a receiver that already has it can tell). The first attempt starts at once;
 * this answer does not wait for it.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const id = await licenseModule.resendWebhookDelivery(req.params.id, req.params.delivery_id)
  const delivery = await licenseModule.retrieveLicenseWebhookDelivery(id)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  sendLicenseWebhooksWorkflow(req.scope)
    .run({ input: { delivery_ids: [id] } })
    .catch((error: Error) => logger.error(`License keys: webhook resend failed: ${error.message}`))
  res.status(202).json({ delivery: presentWebhookDelivery(delivery) })
}
