import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { callerOf } from "./caller"
import { sendLicenseLookupResult } from "./respond"

/**
 * The product server's read-only lookup, shared by POST /licenses/lookup (the
 * key in the body: the one to use) and GET /licenses/:key (the key in the URL,
 * kept for compatibility): same auth (the product API key), same answers.
 */
export async function sendLicenseLookup(req: MedusaRequest, res: MedusaResponse, licenseKey: string) {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const result = await licenses.lookUpLicenseForProduct({ license_key: licenseKey, ...callerOf(req) })
  sendLicenseLookupResult(res, result)
}
