import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"

/** Replaces the signing secret at once; the new one is in this answer only. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { endpoint, secret } = await licenseModule.rotateWebhookSecret(req.params.id)
  res.setHeader("Cache-Control", "no-store")
  res.json({ webhook: endpoint, secret })
}
