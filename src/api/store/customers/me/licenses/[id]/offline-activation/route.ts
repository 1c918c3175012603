import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { offlineLicenseActivationWorkflow } from "../../../../../../../workflows/offline-license-activation"
import { callerOf } from "../../../../../../licenses/caller"
import type { OfflineActivationBody } from "../../../../../../licenses/validators"

/**
 * POST /store/customers/me/licenses/:id/offline-activation: the customer uploads an air-gapped
 * machine's activation request and gets its license file (docs/entitlements-and-license-files.md).
 * Only their own license (404 otherwise); the same slot rules as a verify.
 */
export async function POST(req: AuthenticatedMedusaRequest<OfflineActivationBody>, res: MedusaResponse) {
  const { remote_address, forwarded_for } = callerOf(req)
  const { result } = await offlineLicenseActivationWorkflow(req.scope).run({
    input: { ...req.validatedBody, license_id: req.params.id, customer_id: req.auth_context.actor_id, remote_address, forwarded_for },
  })
  res.setHeader("Cache-Control", "no-store")
  res.json(result)
}
