import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentIssuanceNotice } from "./present"

/**
 * The state of the e-mail that sent the order's keys: `notice` is null when
 * none was needed (no keys, no e-mail address) or the order predates it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({ notice: presentIssuanceNotice(await licenseModule.retrieveIssuanceNotice(req.params.id)) })
}
