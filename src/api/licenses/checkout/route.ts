import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { callerOf } from "../caller"
import { sendVerifyApiResult } from "../respond"
import type { LicenseCheckoutRequest } from "../validators"

export const AUTHENTICATE = false

/**
 * POST /licenses/checkout: the verify answer for the machine plus, when valid, its signed
 * license file (docs/entitlements-and-license-files.md), encrypted to the key on request.
 */
export async function POST(req: MedusaRequest<LicenseCheckoutRequest>, res: MedusaResponse) {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  sendVerifyApiResult(res, await licenses.checkoutLicenseFile({ ...req.validatedBody, ...callerOf(req) }))
}
