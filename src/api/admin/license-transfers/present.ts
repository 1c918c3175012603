import type { LicenseDTO } from "../../../modules/license"
import { effectiveLicenseStatus } from "../../../modules/license/rules/license-status"
import type { LicenseTransferResult } from "../../../modules/license/service"
import type { TransferClaimView } from "../../../modules/license/sql/transfer-claims"
import type { TransferRequestRow } from "../../../modules/license/sql/transfers"
import type { SentLicenseTransferClaim } from "../../../workflows/steps/send-license-transfer-claim"

/** A transfer request as the module's reads return it, or as a workflow's serialized result carries it (dates as strings). */
type TransferRequestLike = Omit<TransferRequestRow, "status" | "requested_by_type" | "decided_at" | "created_at" | "updated_at"> & {
  status: string
  requested_by_type: string
  decided_at: Date | string | null
  created_at: Date | string
}

/** A claim for the admin: where it went, until when, whether it was used or canceled (never the token or its hash). */
export function presentTransferClaim(claim: Pick<TransferClaimView, "id" | "to_email" | "expires_at"> & Partial<TransferClaimView>) {
  const expiresAt = new Date(claim.expires_at)
  return {
    id: claim.id,
    to_email: claim.to_email,
    expires_at: claim.expires_at,
    expired: !claim.used_at && !claim.canceled_at && expiresAt.getTime() <= Date.now(),
    used_at: claim.used_at ?? null,
    used_by_customer_id: claim.used_by_customer_id ?? null,
    canceled_at: claim.canceled_at ?? null,
  }
}

/** A transfer request for the admin, with a short view of its license (key hint, never the key) and its latest claim. */
export function presentTransferRequest(
  request: TransferRequestLike,
  license?: LicenseDTO | null,
  claim?: TransferClaimView | null
) {
  return {
    id: request.id,
    license_id: request.license_id,
    status: request.status,
    from_customer_id: request.from_customer_id,
    from_email: request.from_email,
    to_email: request.to_email,
    to_customer_id: request.to_customer_id,
    requested_by_type: request.requested_by_type,
    requested_by_id: request.requested_by_id,
    note: request.note,
    decided_by: request.decided_by,
    decided_at: request.decided_at,
    created_at: request.created_at,
    ...(claim !== undefined ? { claim: claim ? presentTransferClaim(claim) : null } : {}),
    ...(license !== undefined
      ? {
          license: license
            ? {
                id: license.id,
                key_hint: license.key_hint,
                status: effectiveLicenseStatus(license),
                product_title: license.product_title,
                variant_title: license.variant_title,
                customer_email: license.customer_email,
              }
            : null,
        }
      : {}),
  }
}

export function presentTransferResult(result: LicenseTransferResult) {
  return {
    transfer: presentTransferRequest(result.request),
    license_id: result.license_id,
    from_customer_id: result.from_customer_id,
    to_customer_id: result.to_customer_id,
    released: result.released,
  }
}

/** An approval that sent a claim link: the request (awaiting_claim) and its claim; the license has not moved. */
export function presentClaimSent(sent: SentLicenseTransferClaim) {
  return { transfer: presentTransferRequest(sent.request), claim: presentTransferClaim(sent.claim) }
}
