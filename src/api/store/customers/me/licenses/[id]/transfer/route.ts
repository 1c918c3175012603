import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../../modules/license"
import type LicenseModuleService from "../../../../../../../modules/license/service"
import { TransferErrorCode } from "../../../../../../../modules/license/rules/transfer-codes"
import { requestLicenseTransferWorkflow } from "../../../../../../../workflows/request-license-transfer"
import { withdrawLicenseTransferWorkflow } from "../../../../../../../workflows/withdraw-license-transfer"
import { presentCustomerTransfer, sendTransferError } from "./respond"
import type { StoreRequestLicenseTransfer } from "./validators"

const notFound = { code: TransferErrorCode.LICENSE_NOT_FOUND, message: "License not found" }

/** GET /store/customers/me/licenses/:id/transfer: the latest transfer request of the customer's license (or null). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { found, request } = await licenses.retrieveCustomerTransferRequest(req.auth_context.actor_id, req.params.id)
  if (!found) {
    return sendTransferError(res, notFound)
  }
  res.setHeader("Cache-Control", "no-store")
  res.json({ transfer: request ? presentCustomerTransfer(request) : null })
}

/** POST /store/customers/me/licenses/:id/transfer {email}: asks the store to move the license to that e-mail. */
export async function POST(req: AuthenticatedMedusaRequest<StoreRequestLicenseTransfer>, res: MedusaResponse) {
  const { result } = await requestLicenseTransferWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, license_id: req.params.id, email: req.validatedBody.email },
  })
  if (result.type === "refused") {
    return sendTransferError(res, result)
  }
  res.setHeader("Cache-Control", "no-store")
  res.status(201).json({ transfer: presentCustomerTransfer(result.request) })
}

/** DELETE /store/customers/me/licenses/:id/transfer: withdraws the pending request. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await withdrawLicenseTransferWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, license_id: req.params.id },
  })
  if (result.type === "refused") {
    return sendTransferError(res, result)
  }
  res.setHeader("Cache-Control", "no-store")
  res.json({ transfer: presentCustomerTransfer(result.request) })
}
