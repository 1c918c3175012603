import { effectiveLicenseStatus } from "../rules/license-status"
import type { LicenseStatus } from "../types"
import type { WebhookEventType } from "./events"

/** The license fields a delivery carries. Never the key: its last group (`key_hint`) only. */
export type WebhookLicenseSource = {
  id: string
  key_hint: string
  status: LicenseStatus | string
  customer_id: string | null
  customer_email: string | null
  /** Absent on older callers = none. */
  customer_discord_id?: string | null
  order_id: string | null
  order_display_id: number | null
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  expires_at: Date | string | null
  /** Derives status `grace` (rules/expiry.ts); absent on older callers = no grace. */
  grace_ends_at?: Date | string | null
  max_activations: number
  activations_used: number
  revoked_at?: Date | string | null
  revoke_reason?: string | null
  created_at: Date | string
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

export function webhookLicense(license: WebhookLicenseSource, now = new Date()) {
  return {
    id: license.id,
    key_hint: license.key_hint,
    status: effectiveLicenseStatus({ status: license.status, expires_at: license.expires_at, grace_ends_at: license.grace_ends_at }, now),
    customer_id: license.customer_id,
    customer_email: license.customer_email,
    customer_discord_id: license.customer_discord_id ?? null,
    order_id: license.order_id,
    order_display_id: license.order_display_id,
    product_id: license.product_id,
    variant_id: license.variant_id,
    product_title: license.product_title,
    variant_title: license.variant_title,
    expires_at: iso(license.expires_at),
    max_activations: license.max_activations,
    activations_used: license.activations_used,
    revoked_at: iso(license.revoked_at),
    revoke_reason: license.revoke_reason ?? null,
    created_at: iso(license.created_at),
  }
}

export type WebhookPayload = {
  id: string
  type: WebhookEventType
  /** When the event happened (ISO 8601). */
  timestamp: string
  data: { license: ReturnType<typeof webhookLicense> | null } & Record<string, unknown>
}

/** Event details that must never leave the store, whatever a caller puts on the bus. */
const NEVER_SENT = new Set(["key", "license_key", "key_encrypted", "key_hash", "secret"])

export function buildWebhookPayload(
  id: string,
  type: WebhookEventType,
  license: WebhookLicenseSource | null,
  details: Record<string, unknown>,
  now = new Date()
): WebhookPayload {
  const extra = Object.fromEntries(Object.entries(details).filter(([name]) => name !== "id" && !NEVER_SENT.has(name)))
  return {
    id,
    type,
    timestamp: now.toISOString(),
    data: { ...extra, license: license ? webhookLicense(license, now) : null },
  }
}
