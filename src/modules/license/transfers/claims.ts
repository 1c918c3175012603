import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { ClaimErrorCode, type ClaimRefusal, claimRefusal } from "../rules/claim-codes"
import { insertClaim, lockClaimByHash, markAwaitingClaim, type TransferClaimRow } from "../sql/transfer-claims"
import { hashClaimToken, newClaimToken } from "./claim-token"
import { TransferStatus } from "../rules/transfer-codes"
import { type LockedLicense, lockLicenseForTransfer, lockTransferRequest, type TransferRequestRow } from "../sql/transfers"

/** A claim just opened: the token exists only in this object, on its way to the recipient's notification. */
export type OpenedClaim = { token: string; claim: TransferClaimRow; request: TransferRequestRow }

/**
 * The admin approves `request` (locked, pending): a claim with a new token
 * (stored hashed, expiring after `ttlSeconds`) and the request awaits it.
 */
export async function openClaim(
  trx: Knex.Transaction,
  request: TransferRequestRow,
  license: LockedLicense,
  decision: { note: string | null; decided_by: string | null },
  ttlSeconds: number
): Promise<OpenedClaim> {
  const token = newClaimToken()
  const claim = await insertClaim(trx, {
    transfer_request_id: request.id,
    license_id: license.id,
    from_customer_id: license.customer_id,
    to_email: request.to_email,
    token_hash: hashClaimToken(token),
    ttl_seconds: ttlSeconds,
  })
  const awaiting = await markAwaitingClaim(trx, request.id, decision)
  if (!awaiting) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request is already ${request.status}.`)
  }
  return { token, claim, request: awaiting }
}

export type LockedClaim = { claim: TransferClaimRow; request: TransferRequestRow; license: LockedLicense }

/**
 * Locks the claim of a token (given as its hash), its request and its license (in that order, so
 * two redeems of one token queue on the claim row), and says why `customerId`
 * may not redeem it, if so. The second of two concurrent redeems waits for the
 * first to commit, then reads `used_at` and is refused.
 */
export async function lockClaimForRedeem(
  trx: Knex.Transaction,
  tokenHash: string,
  customerId: string
): Promise<LockedClaim | ClaimRefusal> {
  const claim = await lockClaimByHash(trx, tokenHash)
  const notFound = claimRefusal(ClaimErrorCode.NOT_FOUND, "This claim link is not valid.")
  if (!claim || claim.canceled_at) {
    return notFound
  }
  if (claim.used_at) {
    return claimRefusal(ClaimErrorCode.USED, "This claim link was already used.")
  }
  if (claim.expired) {
    return claimRefusal(ClaimErrorCode.EXPIRED, "This claim link has expired. Ask the sender for a new transfer.")
  }
  const request = await lockTransferRequest(trx, claim.transfer_request_id)
  if (!request || request.status !== TransferStatus.AWAITING_CLAIM) {
    return notFound
  }
  const license = await lockLicenseForTransfer(trx, claim.license_id)
  const refusal = licenseRefusal(claim, license, customerId)
  if (refusal) {
    return refusal
  }
  return { claim, request, license: license! }
}

/** Why the license of a claim cannot move to `customerId` now, or null. */
export function licenseRefusal(
  claim: Pick<TransferClaimRow, "from_customer_id">,
  license: Pick<LockedLicense, "status" | "customer_id"> | null,
  customerId: string
): ClaimRefusal | null {
  if (!license || license.status === "revoked" || license.customer_id !== claim.from_customer_id) {
    return claimRefusal(
      ClaimErrorCode.NOT_TRANSFERABLE,
      "This license can no longer be transferred (it was revoked or changed owner)."
    )
  }
  if (license.customer_id === customerId) {
    return claimRefusal(ClaimErrorCode.SAME_OWNER, "This license already belongs to you.")
  }
  return null
}
