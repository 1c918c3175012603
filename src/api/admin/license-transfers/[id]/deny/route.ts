import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { denyLicenseTransferWorkflow } from "../../../../../workflows/deny-license-transfer"
import { presentTransferRequest } from "../../present"
import type { AdminDecideLicenseTransfer } from "../../validators"

/** Denies a pending request: nothing but the request changes. */
export async function POST(req: AuthenticatedMedusaRequest<AdminDecideLicenseTransfer>, res: MedusaResponse) {
  const { result } = await denyLicenseTransferWorkflow(req.scope).run({
    input: { request_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note ?? null },
  })
  res.json({ transfer: presentTransferRequest(result) })
}
