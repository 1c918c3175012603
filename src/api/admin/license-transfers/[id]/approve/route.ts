import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveLicenseTransferWorkflow } from "../../../../../workflows/approve-license-transfer"
import { presentTransferResult } from "../../present"
import type { AdminDecideLicenseTransfer } from "../../validators"

/** Approves a pending request: the license moves, its slots are released, both customers are told. */
export async function POST(req: AuthenticatedMedusaRequest<AdminDecideLicenseTransfer>, res: MedusaResponse) {
  const { result } = await approveLicenseTransferWorkflow(req.scope).run({
    input: { request_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note ?? null },
  })
  res.json(presentTransferResult(result))
}
