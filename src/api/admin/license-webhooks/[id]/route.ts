import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import { deleteLicenseWebhookWorkflow } from "../../../../workflows/delete-license-webhook"
import { updateLicenseWebhookWorkflow } from "../../../../workflows/update-license-webhook"
import type { AdminUpdateLicenseWebhook } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({ webhook: await licenseModule.retrieveWebhookEndpoint(req.params.id) })
}

/** Changes the URL (checked again), the events or enabled. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateLicenseWebhook>, res: MedusaResponse) {
  const { result } = await updateLicenseWebhookWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  res.json({ webhook: result })
}

/** Deletes the endpoint and its deliveries. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await deleteLicenseWebhookWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "license_webhook", deleted: true })
}
