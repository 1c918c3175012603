import { normalizeEmail, TransferErrorCode, type TransferRefusal } from "./transfer-codes"

/** What a transfer rule reads of a (locked) license. */
export type TransferableLicense = { status: string; customer_id: string | null; customer_email: string | null }

/** Why a license cannot move to `email` (or to customer `toCustomerId`), or null. */
export function transferRefusal(license: TransferableLicense, email: string, toCustomerId?: string): TransferRefusal | null {
  if (license.status === "revoked") {
    return { type: "refused", code: TransferErrorCode.NOT_TRANSFERABLE, message: "A revoked license cannot be transferred." }
  }
  if (
    (license.customer_email && normalizeEmail(license.customer_email) === email && (!toCustomerId || toCustomerId === license.customer_id)) ||
    (toCustomerId && toCustomerId === license.customer_id)
  ) {
    return { type: "refused", code: TransferErrorCode.SAME_OWNER, message: "This license already belongs to that e-mail." }
  }
  return null
}
