import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { callerOf } from "../caller"
import { sendLicenseLookupResult } from "../respond"

export const AUTHENTICATE = false

/** GET /licenses/:key: a license's details for the product's own server (product API key required); no side effect. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const result = await licenses.lookUpLicenseForProduct({ license_key: req.params.key, ...callerOf(req) })
  sendLicenseLookupResult(res, result)
}
