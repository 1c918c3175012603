import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../modules/license"
import type LicenseModuleService from "../../../../../../modules/license/service"
import { resendLicenseIssuedEmailWorkflow } from "../../../../../../workflows/resend-license-issued-email"
import { presentIssuanceNotice } from "../present"

/**
 * Sends the order's keys to its e-mail address again, with a fresh cycle of
 * attempts, and answers with the state after the first one (sent, or failed
 * with its error and the next retry).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await resendLicenseIssuedEmailWorkflow(req.scope).run({ input: { order_id: req.params.id } })
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({ notice: presentIssuanceNotice(await licenseModule.retrieveIssuanceNotice(req.params.id)) })
}
