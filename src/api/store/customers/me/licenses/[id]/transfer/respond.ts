import type { MedusaResponse } from "@medusajs/framework/http"
import { type TransferErrorCode, TransferErrorCode as Codes } from "../../../../../../../modules/license/rules/transfer-codes"

const STATUS_BY_CODE: Record<TransferErrorCode, number> = {
  [Codes.LICENSE_NOT_FOUND]: 404,
  [Codes.TRANSFER_PENDING]: 409,
  [Codes.NOT_TRANSFERABLE]: 409,
  [Codes.SAME_OWNER]: 400,
  [Codes.NO_PENDING_TRANSFER]: 404,
}

/** A refusal as `{ code, message }` with its status. */
export function sendTransferError(res: MedusaResponse, refusal: { code: TransferErrorCode; message: string }) {
  res.setHeader("Cache-Control", "no-store")
  res.status(STATUS_BY_CODE[refusal.code]).json({ code: refusal.code, message: refusal.message })
}

/** A request as its owner sees it: where it goes, its state, and the store's note on the decision. */
export function presentCustomerTransfer(request: {
  id: string
  status: string
  to_email: string
  note: string | null
  created_at: Date | string
  decided_at: Date | string | null
}) {
  return {
    id: request.id,
    status: request.status,
    to_email: request.to_email,
    note: request.note,
    created_at: request.created_at,
    decided_at: request.decided_at,
  }
}
