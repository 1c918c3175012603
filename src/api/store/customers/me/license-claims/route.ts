import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CLAIM_STATUS_BY_CODE } from "../../../../../modules/license/rules/claim-codes"
import { hashClaimToken } from "../../../../../modules/license/transfers/claim-token"
import { redeemLicenseTransferClaimWorkflow } from "../../../../../workflows/redeem-license-transfer-claim"
import type { StoreRedeemLicenseClaim } from "./validators"

/**
 * POST /store/customers/me/license-claims {token}: the logged-in customer
 * redeems a transfer's claim link; the license moves to them. The token
 * travels in the body, never in a URL Medusa logs, and only its hash goes on
 * into the workflow.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreRedeemLicenseClaim>, res: MedusaResponse) {
  const { result } = await redeemLicenseTransferClaimWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, token_hash: hashClaimToken(req.validatedBody.token) },
  })
  res.setHeader("Cache-Control", "no-store")
  if (result.type === "refused") {
    return res.status(CLAIM_STATUS_BY_CODE[result.code]).json({ code: result.code, message: result.message })
  }
  res.json({ license_id: result.transfer.license_id, transfer_request_id: result.transfer.transfer_request_id })
}
