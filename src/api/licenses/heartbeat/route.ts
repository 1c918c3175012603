import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { callerOf } from "../caller"
import { sendVerifyApiResult } from "../respond"
import type { HeartbeatRequest } from "./validators"

export const AUTHENTICATE = false

/**
 * POST /licenses/heartbeat: a machine says it is still running
 * (docs/verify-api.md "Heartbeats and floating seats"). The same pipeline,
 * codes and signed answer as POST /licenses/verify, with the fingerprint
 * required; a machine whose seat was released takes a free seat again, as a
 * verify would.
 */
export async function POST(req: MedusaRequest<HeartbeatRequest>, res: MedusaResponse) {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const result = await licenses.verifyLicense({ ...req.validatedBody, ...callerOf(req) })
  sendVerifyApiResult(res, result)
}
