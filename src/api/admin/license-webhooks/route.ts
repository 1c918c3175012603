import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { WEBHOOK_EVENT_TYPES } from "../../../modules/license/webhooks/events"
import { createLicenseWebhookWorkflow } from "../../../workflows/create-license-webhook"
import type { AdminCreateLicenseWebhook } from "./validators"

/** GET /admin/license-webhooks: every endpoint (never a secret) and the event types one can subscribe to. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const webhooks = await licenseModule.listWebhookEndpoints()
  res.json({ webhooks, count: webhooks.length, event_types: WEBHOOK_EVENT_TYPES })
}

/** POST /admin/license-webhooks: registers an endpoint; the signing secret is in this answer only. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateLicenseWebhook>, res: MedusaResponse) {
  const { result } = await createLicenseWebhookWorkflow(req.scope).run({ input: req.validatedBody })
  res.setHeader("Cache-Control", "no-store")
  res.status(201).json({ webhook: result.endpoint, secret: result.secret })
}
