import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { managerKnex, transactionKnex } from "../database"
import { releaseHeldSlots } from "../activations/admin-release"
import { ReleasedBy } from "../rules/deactivation-budget"
import { normalizeEmail, TransferErrorCode, type TransferRefusal, TransferStatus } from "../rules/transfer-codes"
import { transferRefusal } from "../rules/transfer-rules"
import type LicenseModuleService from "../service"
import type { LicenseDTO, LicenseTransferRequestDTO } from "../service"
import { licenseEventRow, resetEventData } from "../sql/events"
import { moveLicense } from "../sql/licenses"
import { expireStaleClaims, type TransferClaimView } from "../sql/transfer-claims"
import {
  decideTransfer,
  deletePendingTransfer,
  findPendingTransfer,
  insertPendingTransfer,
  type LockedLicense,
  lockLicenseForTransfer,
  lockTransferRequest,
  type TransferRequestRow,
} from "../sql/transfers"
import { type LicenseActor, LicenseEventType } from "../types"
import type { LicenseTransferResult } from "./types"

/**
 * License transfers (docs/transfers.md): the owner asks, the admin decides;
 * approval moves the license. Claims (approval to an e-mail, redeemed by the
 * recipient) are in ./transfer-claims.ts. Functions that take a
 * sharedContext run in the caller's transaction.
 */

/**
 * The owner asks to move their license to another e-mail. Refused like an
 * unknown id when the license is not theirs; one pending request per license.
 */
export async function requestLicenseTransfer(
  this: LicenseModuleService,
  customerId: string,
  licenseId: string,
  email: string,
  sharedContext: Context
): Promise<{ type: "requested"; request: TransferRequestRow } | TransferRefusal> {
  const trx = transactionKnex(sharedContext)
  const license = await lockLicenseForTransfer(trx, licenseId, customerId)
  if (!license) {
    return { type: "refused", code: TransferErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
  }
  const refusal = transferRefusal(license, normalizeEmail(email))
  if (refusal) {
    return refusal
  }
  await expireStaleClaims(trx, licenseId)
  const request = await insertPendingTransfer(trx, {
    license_id: licenseId,
    from_customer_id: customerId,
    from_email: license.customer_email,
    to_email: normalizeEmail(email),
    requested_by_type: "customer",
    requested_by_id: customerId,
  })
  if (!request) {
    return {
      type: "refused",
      code: TransferErrorCode.TRANSFER_PENDING,
      message: "A transfer of this license is already waiting for the store's decision.",
    }
  }
  return { type: "requested", request }
}

/** The latest transfer request of one of the customer's licenses (null when none, or not theirs). */
export async function retrieveCustomerTransferRequest(
  this: LicenseModuleService,
  customerId: string,
  licenseId: string,
  sharedContext: Context
): Promise<{ found: boolean; request: LicenseTransferRequestDTO | null }> {
  const [license] = await this.listLicenses({ id: licenseId, customer_id: customerId }, { take: 1, select: ["id"] }, sharedContext)
  if (!license) {
    return { found: false, request: null }
  }
  const [request] = await this.listLicenseTransferRequests(
    { license_id: licenseId, from_customer_id: customerId },
    { take: 1, order: { created_at: "DESC", id: "DESC" } },
    sharedContext
  )
  return { found: true, request: request ?? null }
}

/** The owner withdraws their pending request. */
export async function cancelLicenseTransfer(
  this: LicenseModuleService,
  customerId: string,
  licenseId: string,
  sharedContext: Context
): Promise<{ type: "canceled"; request: TransferRequestRow } | TransferRefusal> {
  const trx = transactionKnex(sharedContext)
  const license = await lockLicenseForTransfer(trx, licenseId, customerId)
  if (!license) {
    return { type: "refused", code: TransferErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
  }
  const pending = await findPendingTransfer(trx, licenseId)
  const canceled = pending
    ? await decideTransfer(trx, pending.id, { status: "canceled", note: null, decided_by: customerId })
    : null
  if (!canceled) {
    return { type: "refused", code: TransferErrorCode.NO_PENDING_TRANSFER, message: "No transfer of this license is pending." }
  }
  return { type: "canceled", request: canceled }
}

/** An admin starts a direct transfer: a pending request, approved by the same workflow right after. */
export async function createAdminTransferRequest(
  this: LicenseModuleService,
  licenseId: string,
  email: string,
  adminId: string,
  sharedContext: Context
): Promise<TransferRequestRow> {
  const trx = transactionKnex(sharedContext)
  const license = await lockTransferableLicense(trx, licenseId, email)
  await expireStaleClaims(trx, licenseId)
  const request = await insertPendingTransfer(trx, {
    license_id: licenseId,
    from_customer_id: license.customer_id,
    from_email: license.customer_email,
    to_email: normalizeEmail(email),
    requested_by_type: "admin",
    requested_by_id: adminId,
  })
  if (!request) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The owner asked for a transfer of this license: approve or deny that request first."
    )
  }
  return request
}

/** Removes a request that an admin's direct transfer created, when its approval failed (compensation). */
export async function discardPendingTransferRequest(id: string, sharedContext: Context): Promise<void> {
  await deletePendingTransfer(managerKnex(sharedContext), id)
}

/** Transfer requests, newest first, each with its license (null if deleted); `status` defaults to every status. */
export async function listTransferRequests(
  this: LicenseModuleService,
  filters: { license_id?: string; status?: string[] },
  page: { skip: number; take: number }
): Promise<[(LicenseTransferRequestDTO & { license: LicenseDTO | null; claim: TransferClaimView | null })[], number]> {
  const [requests, count] = await this.listAndCountLicenseTransferRequests(
    {
      ...(filters.license_id ? { license_id: filters.license_id } : {}),
      ...(filters.status?.length ? { status: filters.status as LicenseTransferRequestDTO["status"][] } : {}),
    },
    { skip: page.skip, take: page.take, order: { created_at: "DESC", id: "DESC" } }
  )
  const licenseIds = [...new Set(requests.map((r) => r.license_id))]
  const licenses = licenseIds.length ? await this.listLicenses({ id: licenseIds }, { take: null }) : []
  const byId = new Map(licenses.map((l) => [l.id, l]))
  const claims = await this.listLatestTransferClaims(requests.map((r) => r.id))
  return [requests.map((r) => ({ ...r, license: byId.get(r.license_id) ?? null, claim: claims.get(r.id) ?? null })), count]
}

/** The admin denies a pending request: only the request changes. */
export async function denyLicenseTransfer(
  this: LicenseModuleService,
  requestId: string,
  adminId: string,
  note: string | null,
  sharedContext: Context
): Promise<TransferRequestRow> {
  const trx = transactionKnex(sharedContext)
  const request = await lockPendingTransfer(trx, requestId)
  return (await decideTransfer(trx, request.id, { status: "denied", note: note?.trim() || null, decided_by: adminId }))!
}

/** The pending request a decision is about (locked), or the reason there is none. */
export async function retrievePendingTransfer(
  this: LicenseModuleService,
  requestId: string, sharedContext: Context): Promise<TransferRequestRow> {
  const [request] = await this.listLicenseTransferRequests({ id: requestId }, { take: 1 }, sharedContext)
  if (!request) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
  }
  if (request.status !== TransferStatus.PENDING) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request is already ${request.status}.`)
  }
  return request as unknown as TransferRequestRow
}

/**
 * Approves a pending request: in one transaction the license moves to the
 * recipient, every slot it holds is released through the shared release
 * statement, a `reset` event (when slots were held) and a `transferred` event
 * are written, and the request is marked approved. A second approval of the
 * same request waits on the row lock and is then refused.
 */
export async function completeLicenseTransfer(
  this: LicenseModuleService,
  requestId: string,
  recipient: { id: string; email: string; discord_id?: string | null },
  actor: LicenseActor,
  note: string | null,
  sharedContext: Context
): Promise<LicenseTransferResult> {
  const trx = transactionKnex(sharedContext)
  const request = await lockPendingTransfer(trx, requestId)
  const license = await lockTransferableLicense(trx, request.license_id, recipient.email, recipient.id)
  return await moveLockedLicense(this, trx, request, license, recipient, actor, { note, decided_by: actor.id ?? null }, sharedContext)
}

/** The move itself (license, slots, events, request approved), for a locked request and license. */
export async function moveLockedLicense(
  service: LicenseModuleService,
  trx: Knex.Transaction,
  request: TransferRequestRow,
  license: LockedLicense,
  recipient: { id: string; email: string; discord_id?: string | null },
  actor: LicenseActor,
  decision: { note: string | null; decided_by: string | null },
  sharedContext: Context
): Promise<LicenseTransferResult> {
  await moveLicense(trx, license.id, recipient.id, normalizeEmail(recipient.email), recipient.discord_id ?? null)
  const released = await releaseHeldSlots(trx, license.id, ReleasedBy.TRANSFER)
  const decided = (await decideTransfer(
    trx,
    request.id,
    { status: "approved", note: decision.note?.trim() || null, decided_by: decision.decided_by, to_customer_id: recipient.id },
    request.status
  ))!
  const transfer = {
    transfer_request_id: request.id,
    from_customer_id: license.customer_id,
    from_email: license.customer_email,
    to_customer_id: recipient.id,
    to_email: normalizeEmail(recipient.email),
  }
  const reset = released.length
    ? [
        licenseEventRow(
          license.id,
          LicenseEventType.RESET,
          actor,
          resetEventData(released, released[released.length - 1].activationsUsed, {
            reason: "transfer",
            transfer_request_id: request.id,
          })
        ),
      ]
    : []
  const data = { ...transfer, requested_by: request.requested_by_type, note: decided.note, released: released.length }
  await service.createLicenseEvents([...reset, licenseEventRow(license.id, LicenseEventType.TRANSFERRED, actor, data)], sharedContext)
  return { ...transfer, license_id: license.id, released: released.length, request: decided }
}

/**
 * Locks the license an admin moves (or opens a claim for) and checks that it
 * may go to `email` (or to customer `toCustomerId`): 404 or 400 otherwise.
 */
export async function lockTransferableLicense(
  trx: Knex.Transaction,
  licenseId: string,
  email: string,
  toCustomerId?: string
): Promise<LockedLicense> {
  const license = await lockLicenseForTransfer(trx, licenseId)
  if (!license) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${licenseId} was not found`)
  }
  const refusal = transferRefusal(license, normalizeEmail(email), toCustomerId)
  if (refusal) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
  }
  return license
}

/** The pending request a decision is about, locked; 404 or "already decided" otherwise. */
export async function lockPendingTransfer(trx: Knex.Transaction, requestId: string): Promise<TransferRequestRow> {
  const request = await lockTransferRequest(trx, requestId)
  if (!request) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
  }
  if (request.status !== TransferStatus.PENDING) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request is already ${request.status}.`)
  }
  return request
}
