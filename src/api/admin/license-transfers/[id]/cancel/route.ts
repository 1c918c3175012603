import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelLicenseTransferClaimWorkflow } from "../../../../../workflows/cancel-license-transfer-claim"
import { presentTransferRequest } from "../../present"

/** Cancels an approved transfer whose claim link was not redeemed yet: the link stops working, the owner keeps the license. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await cancelLicenseTransferClaimWorkflow(req.scope).run({
    input: { request_id: req.params.id, actor_id: req.auth_context.actor_id },
  })
  res.json({ transfer: presentTransferRequest(result.request) })
}
