import type { LicenseDTO } from "../../../modules/license"
import { effectiveLicenseStatus } from "../../../modules/license/license-status"
import type { LicenseTransferResult } from "../../../modules/license/service"

type TransferRequestLike = {
  id: string
  license_id: string
  from_customer_id: string | null
  from_email: string | null
  to_email: string
  to_customer_id: string | null
  status: string
  requested_by_type: string
  requested_by_id: string | null
  note: string | null
  decided_by: string | null
  decided_at: Date | string | null
  created_at: Date | string
}

/** A transfer request for the admin, with a short view of its license (key hint, never the key). */
export function presentTransferRequest(request: TransferRequestLike, license?: LicenseDTO | null) {
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
