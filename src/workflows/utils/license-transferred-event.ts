import type { LicenseTransferResult } from "../../modules/license/service"

/** The data of `license.transferred`, from a completed transfer (by the admin, or a redeemed claim). */
export const licenseTransferredEventData = (transfer: LicenseTransferResult) => ({
  id: transfer.license_id,
  transfer_request_id: transfer.transfer_request_id,
  from_customer_id: transfer.from_customer_id,
  to_customer_id: transfer.to_customer_id,
  released: transfer.released,
})
