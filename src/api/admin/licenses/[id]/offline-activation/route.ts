import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { offlineLicenseActivationWorkflow } from "../../../../../workflows/offline-license-activation"
import { callerOf } from "../../../../licenses/caller"
import type { OfflineActivationBody } from "../../../../licenses/validators"

/** POST /admin/licenses/:id/offline-activation: the admin does the air-gapped activation for a customer. */
export async function POST(req: AuthenticatedMedusaRequest<OfflineActivationBody>, res: MedusaResponse) {
  const { remote_address, forwarded_for } = callerOf(req)
  const { result } = await offlineLicenseActivationWorkflow(req.scope).run({
    input: { ...req.validatedBody, license_id: req.params.id, remote_address, forwarded_for },
  })
  res.setHeader("Cache-Control", "no-store")
  res.json(result)
}
