import type { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { managerKnex, transactionKnex } from "../database"
import type { ClaimRefusal } from "../rules/claim-codes"
import { TransferStatus } from "../rules/transfer-codes"
import type LicenseModuleService from "../service"
import {
  discardClaim,
  latestClaimsOf,
  lockOpenClaimOfRequest,
  markClaimUsed,
  setClaimCanceled,
  setRequestStatus,
  type TransferClaimView,
} from "../sql/transfer-claims"
import { lockTransferRequest, type TransferRequestRow } from "../sql/transfers"
import { LicenseActorType } from "../types"
import { lockClaimForRedeem, type OpenedClaim, openClaim } from "./claims"
import { lockPendingTransfer, lockTransferableLicense, moveLockedLicense } from "./transfer-requests"
import type { LicenseTransferResult } from "./types"

/**
 * Transfer claims (docs/transfers.md; the rules are in ./claims.ts): the admin
 * approves a request to an e-mail, the recipient redeems the link. Each
 * function runs in the caller's transaction.
 */

/**
 * The admin approves a pending request to an e-mail: the request awaits a
 * claim; the license stays where it is. The token is in the answer only, for
 * the notification step; the database keeps its hash.
 */
export async function openTransferClaim(
  this: LicenseModuleService,
  requestId: string,
  adminId: string,
  note: string | null,
  sharedContext: Context
): Promise<OpenedClaim> {
  const trx = transactionKnex(sharedContext)
  const request = await lockPendingTransfer(trx, requestId)
  const license = await lockTransferableLicense(trx, request.license_id, request.to_email)
  const decision = { note: note?.trim() || null, decided_by: adminId }
  return await openClaim(trx, request, license, decision, this.options_.transfers.claimTtlSeconds)
}

/** Compensation of openTransferClaim: the claim goes, the request is pending again. */
export async function discardTransferClaim(claimId: string, sharedContext: Context): Promise<void> {
  await discardClaim(transactionKnex(sharedContext), claimId)
}

/**
 * A logged-in customer redeems a claim token (given as its hash, see
 * hashClaimToken): in one transaction the claim
 * is checked and marked used and the license moves to them (as an approved
 * transfer does: slots released, `reset`/`transferred` events).
 */
export async function redeemTransferClaim(
  this: LicenseModuleService,
  customer: { id: string; email: string; discord_id?: string | null },
  tokenHash: string,
  sharedContext: Context
): Promise<{ type: "redeemed"; transfer: LicenseTransferResult } | ClaimRefusal> {
  const trx = transactionKnex(sharedContext)
  const locked = await lockClaimForRedeem(trx, tokenHash, customer.id)
  if ("type" in locked) {
    return locked
  }
  await markClaimUsed(trx, locked.claim.id, customer.id)
  const actor = { type: LicenseActorType.CUSTOMER, id: customer.id }
  const decision = { note: locked.request.note, decided_by: locked.request.decided_by }
  const transfer = await moveLockedLicense(this, trx, locked.request, locked.license, customer, actor, decision, sharedContext)
  return { type: "redeemed", transfer }
}

/** The admin cancels a claim that was not redeemed yet: the request ends `canceled`, the link stops working. */
export async function cancelTransferClaim(
  this: LicenseModuleService,
  requestId: string,
  adminId: string,
  sharedContext: Context
): Promise<{ request: TransferRequestRow; claim_id: string }> {
  const trx = transactionKnex(sharedContext)
  const request = await lockTransferRequest(trx, requestId)
  if (!request) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
  }
  const claim = request.status === TransferStatus.AWAITING_CLAIM ? await lockOpenClaimOfRequest(trx, requestId) : null
  if (!claim) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request has no claim to cancel (it is ${request.status}).`)
  }
  await setClaimCanceled(trx, claim.id, adminId)
  const canceled = (await setRequestStatus(trx, requestId, TransferStatus.AWAITING_CLAIM, TransferStatus.CANCELED))!
  return { request: canceled, claim_id: claim.id }
}

/** Compensation of cancelTransferClaim. */
export async function restoreTransferClaim(requestId: string, claimId: string, sharedContext: Context): Promise<void> {
  const trx = transactionKnex(sharedContext)
  await setClaimCanceled(trx, claimId, null)
  await setRequestStatus(trx, requestId, TransferStatus.CANCELED, TransferStatus.AWAITING_CLAIM)
}

/** The latest claim of each request, for the admin (never the hash). */
export async function listLatestTransferClaims(requestIds: string[], sharedContext: Context): Promise<Map<string, TransferClaimView>> {
  return await latestClaimsOf(managerKnex(sharedContext), requestIds)
}
