import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { z } from "@medusajs/framework/zod"
import type { AdminCreateLicenseWebhook, AdminUpdateLicenseWebhook } from "../../../api/admin/license-webhooks/validators"
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../../modules/license/webhooks/events"
import type { WebhookEndpointView } from "../../../modules/license/webhooks/types"
import { sdk } from "../../lib/sdk"
import type { Serialized } from "../../lib/types"

/** The server's list of subscribable events (src/modules/license/webhooks/events.ts). */
export type { WebhookEventType }

/** An endpoint as GET /admin/license-webhooks answers it: the server's view, its dates as JSON strings. */
export type AdminWebhook = Serialized<WebhookEndpointView>

export type DeliveryStatus = "pending" | "sending" | "succeeded" | "failed"

export type AdminWebhookDelivery = {
  id: string
  endpoint_id: string
  event_id: string
  type: WebhookEventType
  license_id: string | null
  status: DeliveryStatus
  attempts: number
  response_code: number | null
  last_error: string | null
  next_attempt_at: string | null
  last_attempt_at: string | null
  delivered_at: string | null
  payload: Record<string, unknown>
  created_at: string
}

/** The bodies of POST /admin/license-webhooks and /:id: the inputs of the routes' own zod validators. */
export type WebhookBody = z.input<typeof AdminCreateLicenseWebhook>
export type WebhookUpdateBody = z.input<typeof AdminUpdateLicenseWebhook>

/** Every query of this page starts with "license-webhooks". */
const keys = {
  all: ["license-webhooks"] as const,
  deliveries: (id: string, offset: number) => ["license-webhooks", "deliveries", id, offset] as const,
}

export function useWebhooks() {
  return useQuery({
    queryKey: keys.all,
    queryFn: () =>
      sdk.client.fetch<{ webhooks: AdminWebhook[]; event_types: WebhookEventType[] }>("/admin/license-webhooks"),
  })
}

export function useCreateWebhook() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: WebhookBody) =>
      sdk.client.fetch<{ webhook: AdminWebhook; secret: string }>("/admin/license-webhooks", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useUpdateWebhook(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: WebhookUpdateBody) =>
      sdk.client.fetch<{ webhook: AdminWebhook }>(`/admin/license-webhooks/${id}`, { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useRotateWebhookSecret(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ webhook: AdminWebhook; secret: string }>(`/admin/license-webhooks/${id}/rotate-secret`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useDeleteWebhook(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/license-webhooks/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

export function useWebhookDeliveries(id: string, offset: number, limit: number) {
  return useQuery({
    queryKey: keys.deliveries(id, offset),
    queryFn: () =>
      sdk.client.fetch<{ deliveries: AdminWebhookDelivery[]; count: number }>(
        `/admin/license-webhooks/${id}/deliveries`,
        { query: { limit, offset } }
      ),
    placeholderData: (previous) => previous,
    // Deliveries change on their own (retries): keep the list fresh while it is open.
    refetchInterval: 5000,
  })
}

export function useResendDelivery(webhookId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (deliveryId: string) =>
      sdk.client.fetch<{ delivery: AdminWebhookDelivery }>(
        `/admin/license-webhooks/${webhookId}/deliveries/${deliveryId}/resend`,
        { method: "POST", body: {} }
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["license-webhooks", "deliveries", webhookId] }),
  })
}

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  "license.issued": "Issued",
  "license.activated": "Activated",
  "license.activation_refused": "Activation refused",
  "license.deactivated": "Deactivated",
  "license.revoked": "Revoked",
  "license.suspended": "Suspended",
  "license.reinstated": "Reinstated",
  "license.expired": "Expired (first seen)",
  "license.updated": "Edited",
  "license.transferred": "Transferred",
  "license.trial_converted": "Trial converted",
  "license.renewed": "Renewed",
  "license.renewal_rolled_back": "Renewal rolled back",
  "license.expiring": "Expiring (renewal reminder)",
  "license.upgraded": "Upgraded",
  "license.upgrade_rolled_back": "Upgrade rolled back",
}

export const ALL_EVENTS: WebhookEventType[] = [...WEBHOOK_EVENT_TYPES]
