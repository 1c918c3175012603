import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { licenseKeys } from "../../lib/api"
import { sdk } from "../../lib/sdk"

export type TransferStatus = "pending" | "approved" | "denied" | "canceled"

export type AdminTransferRequest = {
  id: string
  license_id: string
  status: TransferStatus
  from_customer_id: string | null
  from_email: string | null
  to_email: string
  to_customer_id: string | null
  requested_by_type: "customer" | "admin"
  requested_by_id: string | null
  note: string | null
  decided_by: string | null
  decided_at: string | null
  created_at: string
}

const transferKeys = {
  license: (licenseId: string) => ["licenses", "transfers", licenseId] as const,
}

/** The transfer requests of one license, newest first (the "licenses" key prefix: refreshed with the license). */
export function useLicenseTransfers(licenseId: string) {
  return useQuery({
    queryKey: transferKeys.license(licenseId),
    queryFn: () =>
      sdk.client.fetch<{ transfers: AdminTransferRequest[]; count: number }>("/admin/license-transfers", {
        query: { license_id: licenseId, limit: 20 },
      }),
  })
}

type TransferAnswer = { transfer: AdminTransferRequest; to_customer_id?: string; released?: number }

/** Approve or deny a request; both refresh every license query (owner, activations, history change). */
export function useDecideTransfer() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: "approve" | "deny"; note: string | null }) =>
      sdk.client.fetch<TransferAnswer>(`/admin/license-transfers/${id}/${decision}`, { method: "POST", body: { note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}

/** The admin moves a license to an e-mail directly. */
export function useTransferLicense(licenseId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ email, note }: { email: string; note: string | null }) =>
      sdk.client.fetch<TransferAnswer>("/admin/license-transfers", {
        method: "POST",
        body: { license_id: licenseId, email, note },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}
