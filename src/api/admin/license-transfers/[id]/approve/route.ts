import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveLicenseTransferWorkflow } from "../../../../../workflows/approve-license-transfer"
import { presentClaimSent } from "../../present"
import type { AdminDecideLicenseTransfer } from "../../validators"

/** Approves a pending request: the recipient gets a claim link; the license moves when it is redeemed. */
export async function POST(req: AuthenticatedMedusaRequest<AdminDecideLicenseTransfer>, res: MedusaResponse) {
  const { result } = await approveLicenseTransferWorkflow(req.scope).run({
    input: { request_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note ?? null },
  })
  res.json(presentClaimSent(result))
}
