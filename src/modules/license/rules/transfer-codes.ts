/** The typed codes of the store API's transfer refusals (docs/transfers.md). */
export const TransferErrorCode = {
  /** No license with that id belongs to the logged-in customer (the same answer as an unknown id). */
  LICENSE_NOT_FOUND: "license_not_found",
  /** The license already has a pending request. */
  TRANSFER_PENDING: "transfer_already_pending",
  /** A revoked license cannot move. */
  NOT_TRANSFERABLE: "license_not_transferable",
  /** The e-mail is the owner's own. */
  SAME_OWNER: "transfer_to_current_owner",
  /** No pending request to cancel. */
  NO_PENDING_TRANSFER: "no_pending_transfer",
} as const
export type TransferErrorCode = (typeof TransferErrorCode)[keyof typeof TransferErrorCode]

export const TransferStatus = {
  PENDING: "pending",
  /** Approved; the claim link is out and the license moves when it is redeemed. */
  AWAITING_CLAIM: "awaiting_claim",
  APPROVED: "approved",
  DENIED: "denied",
  CANCELED: "canceled",
  /** Its claim expired unredeemed (set when a new transfer of the license is asked). */
  EXPIRED: "expired",
} as const
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus]

export type TransferRefusal = { type: "refused"; code: TransferErrorCode; message: string }

/** An e-mail as transfers compare and store it: trimmed, lower case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()
