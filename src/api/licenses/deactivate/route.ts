import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { callerOf } from "../caller"
import { sendVerifyApiResult } from "../respond"
import type { LicenseRequest } from "../validators"

export const AUTHENTICATE = false

/** POST /licenses/deactivate: frees the slot held by the caller's own domain or IP. */
export async function POST(req: MedusaRequest<LicenseRequest>, res: MedusaResponse) {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const result = await licenses.deactivateLicense({ ...req.validatedBody, ...callerOf(req) })
  sendVerifyApiResult(res, result)
}
