import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { licenseKeys } from "./api"
import { sdk } from "./sdk"

/** The state of the e-mail that sent an order's keys (GET /admin/orders/:id/license-notice). */
export type AdminLicenseNotice = {
  order_id: string
  status: "pending" | "sending" | "sent" | "failed"
  attempts: number
  max_attempts: number
  next_attempt_at: string | null
  last_attempt_at: string | null
  last_error: string | null
  sent_at: string | null
}

// Under licenseKeys.all, so any license change refreshes it too.
const noticeKey = (orderId: string) => [...licenseKeys.all, "notice", orderId] as const

export function useLicenseNotice(orderId: string) {
  return useQuery({
    queryKey: noticeKey(orderId),
    queryFn: () => sdk.client.fetch<{ notice: AdminLicenseNotice | null }>(`/admin/orders/${orderId}/license-notice`),
  })
}

export function useResendLicenseNotice(orderId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ notice: AdminLicenseNotice | null }>(`/admin/orders/${orderId}/license-notice/resend`, {
        method: "POST",
      }),
    onSuccess: (data) => client.setQueryData(noticeKey(orderId), data),
  })
}
