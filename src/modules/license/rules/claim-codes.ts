/** The typed codes of a refused claim redemption (docs/transfers.md). */
export const ClaimErrorCode = {
  /** No claim with that token (a wrong token, or a claim the admin canceled). */
  NOT_FOUND: "claim_not_found",
  /** The claim's link expired. */
  EXPIRED: "claim_expired",
  /** The claim was already redeemed. */
  USED: "claim_used",
  /** The license was revoked, or changed owner, since the approval. */
  NOT_TRANSFERABLE: "license_not_transferable",
  /** The redeemer already owns the license. */
  SAME_OWNER: "transfer_to_current_owner",
} as const
export type ClaimErrorCode = (typeof ClaimErrorCode)[keyof typeof ClaimErrorCode]

export const CLAIM_STATUS_BY_CODE: Record<ClaimErrorCode, number> = {
  [ClaimErrorCode.NOT_FOUND]: 404,
  [ClaimErrorCode.EXPIRED]: 410,
  [ClaimErrorCode.USED]: 409,
  [ClaimErrorCode.NOT_TRANSFERABLE]: 409,
  [ClaimErrorCode.SAME_OWNER]: 400,
}

export type ClaimRefusal = { type: "refused"; code: ClaimErrorCode; message: string }

export const claimRefusal = (code: ClaimErrorCode, message: string): ClaimRefusal => ({ type: "refused", code, message })

/** Events of the claim flow on Medusa's event bus (not webhook event types; `license.transferred` follows the redeem). */
export const ClaimEvents = {
  SENT: "license.transfer_claim_sent",
  CANCELED: "license.transfer_claim_canceled",
} as const
