import type { WebhookEventType } from "./events"

/** An endpoint as the admin API shows it: never the secret (only its last characters). */
export type WebhookEndpointView = {
  id: string
  url: string
  description: string | null
  events: WebhookEventType[]
  enabled: boolean
  /** Deliveries also carry X-KeyPort-Signature (docs/migrating-from-keyport.md). */
  keyport_compatible: boolean
  secret_hint: string
  created_at: Date
  updated_at: Date
}

export type WebhookEndpointInput = {
  url: string
  events: WebhookEventType[]
  enabled?: boolean
  keyport_compatible?: boolean
  description?: string | null
}

export type WebhookEndpointUpdate = Partial<WebhookEndpointInput>

/** What one run of the sender did. */
export type WebhookSendSummary = { claimed: number; succeeded: number; retrying: number; failed: number }

/** How many webhook requests one process keeps in flight at most. */
export const WEBHOOK_SENDS_PER_PROCESS = 16

/** How long a claimed delivery stays leased to its sender beyond the request timeout. */
export const WEBHOOK_LEASE_MARGIN_MS = 60_000

type EndpointRow = {
  id: string
  url: string
  description: string | null
  events: unknown
  enabled: boolean
  keyport_compatible?: boolean | null
  secret_hint: string
  created_at: Date
  updated_at: Date
}

export function presentWebhookEndpoint(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: (Array.isArray(row.events) ? row.events : []) as WebhookEventType[],
    enabled: row.enabled,
    keyport_compatible: row.keyport_compatible ?? false,
    secret_hint: row.secret_hint,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
