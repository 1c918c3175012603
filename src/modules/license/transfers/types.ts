import type { TransferRequestRow } from "../sql/transfers"

/** What an approved transfer did. */
export type LicenseTransferResult = {
  license_id: string
  transfer_request_id: string
  from_customer_id: string | null
  from_email: string | null
  to_customer_id: string
  to_email: string
  /** How many held slots were released. */
  released: number
  request: TransferRequestRow
}
