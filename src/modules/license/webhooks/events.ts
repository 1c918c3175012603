import { LicenseEvents } from "../types"

/** Every event type an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  LicenseEvents.ISSUED,
  LicenseEvents.ACTIVATED,
  LicenseEvents.ACTIVATION_REFUSED,
  LicenseEvents.DEACTIVATED,
  LicenseEvents.REVOKED,
  LicenseEvents.SUSPENDED,
  LicenseEvents.REINSTATED,
  LicenseEvents.EXPIRED,
  LicenseEvents.UPDATED,
  LicenseEvents.TRANSFERRED,
  LicenseEvents.TRIAL_CONVERTED,
  LicenseEvents.RENEWED,
  LicenseEvents.RENEWAL_ROLLED_BACK,
  LicenseEvents.EXPIRING,
  LicenseEvents.UPGRADED,
  LicenseEvents.UPGRADE_ROLLED_BACK,
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)
