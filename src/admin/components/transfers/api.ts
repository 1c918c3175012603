import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { licenseKeys } from "../../lib/api"
import { sdk } from "../../lib/sdk"

export type TransferStatus = "pending" | "awaiting_claim" | "approved" | "denied" | "canceled" | "expired"

/** The claim link of an approved transfer (never the token). */
export type AdminTransferClaim = {
  id: string
  to_email: string
  expires_at: string
  expired: boolean
  used_at: string | null
  used_by_customer_id: string | null
  canceled_at: string | null
}

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
  claim?: AdminTransferClaim | null
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

type TransferAnswer = { transfer: AdminTransferRequest; claim: AdminTransferClaim | null; to_customer_id?: string; released?: number }

/** Approve or deny a request; both refresh every license query (owner, activations, history change). */
export function useDecideTransfer() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: "approve" | "deny"; note: string | null }) =>
      sdk.client.fetch<TransferAnswer>(`/admin/license-transfers/${id}/${decision}`, { method: "POST", body: { note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}

/** The admin transfers a license directly: to an e-mail (a claim link is sent) or to a customer id (moved at once). */
export function useTransferLicense(licenseId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (target: ({ email: string } | { to_customer_id: string }) & { note: string | null }) =>
      sdk.client.fetch<TransferAnswer>("/admin/license-transfers", {
        method: "POST",
        body: { license_id: licenseId, ...target },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}

/** Cancels an approved transfer's claim link that was not redeemed yet; the owner keeps the license. */
export function useCancelTransferClaim() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      sdk.client.fetch<{ transfer: AdminTransferRequest }>(`/admin/license-transfers/${id}/cancel`, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}
