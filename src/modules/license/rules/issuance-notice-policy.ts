import { retryDelayMs } from "./backoff"

/**
 * How the e-mail with an order's keys is retried (README "Issuance"): at most
 * ISSUANCE_NOTICE_MAX_ATTEMPTS attempts per cycle (the first one right after
 * issuance, the others by the `license-keys-retry-issuance-emails` job), the
 * delay doubling from 2 minutes (with jitter) up to an hour. An attempt holds
 * its row for ISSUANCE_NOTICE_LEASE_MS; after that (a crash) another instance
 * may take it over.
 */
export const ISSUANCE_NOTICE_MAX_ATTEMPTS = 5
export const ISSUANCE_NOTICE_BACKOFF_BASE_MS = 2 * 60 * 1000
export const ISSUANCE_NOTICE_BACKOFF_MAX_MS = 60 * 60 * 1000
export const ISSUANCE_NOTICE_LEASE_MS = 5 * 60 * 1000
export const ISSUANCE_NOTICE_BATCH = 50

/** Delay before the next attempt after `attempts` failed ones. */
export const issuanceNoticeRetryDelayMs = (attempts: number, random?: () => number) =>
  retryDelayMs(attempts, ISSUANCE_NOTICE_BACKOFF_BASE_MS, ISSUANCE_NOTICE_BACKOFF_MAX_MS, random)

/**
 * The notification's idempotency key of send number `send` (1, 2, …) for an
 * order. Medusa's Notification Module refuses a second notification with a key
 * it already holds (unless that one failed, and then it sends it under a new id
 * it never stores, and fails recording it), so every attempt gets a key of its
 * own; the counter (`sends`) is the claim's fencing token, so two senders
 * never share one.
 */
export const issuanceNotificationKey = (orderId: string, send: number) => `license-issued:${orderId}:${send}`

/** Every key the order's notifications may carry: the one issuance used before retries existed, and each send's. */
export const issuanceNotificationKeys = (orderId: string, sends: number) => [
  `license-issued:${orderId}`,
  ...Array.from({ length: Math.max(0, sends) }, (_, i) => issuanceNotificationKey(orderId, i + 1)),
]
