import { createHmac } from "node:crypto"
import { KEYPORT_SIGNATURE_HEADER, SIGNATURE_HEADER, signatureHeader } from "./sign"

/**
 * Standard Webhooks (https://www.standardwebhooks.com): every delivery also
 * carries `webhook-id`, `webhook-timestamp` and `webhook-signature`, so a
 * receiver can verify it with a stock library (`standardwebhooks` on npm,
 * `standard-webhooks/standard-webhooks` on Packagist, ...).
 *
 *   webhook-signature = "v1," + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`))
 *
 * The key: a secret in the standard form (`whsec_` + padded base64, what
 * generateWebhookSecret makes since Standard Webhooks were added) is
 * base64-decoded, as the libraries do. Any other stored secret (the endpoints
 * created before: `whsec_` + unpadded base64url) keeps working unchanged: its
 * key is the UTF-8 bytes of the whole secret string, the same key
 * X-License-Signature has always used, and a library verifies it with the
 * "raw" secret format (`new Webhook(secret, { format: "raw" })`). Rotating the
 * secret moves an endpoint to the standard form.
 */
export const STANDARD_WEBHOOK_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const

const STANDARD_SECRET = /^whsec_((?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/

/** True for `whsec_` + canonical padded base64: the form stock libraries decode. */
export function isStandardSecret(secret: string): boolean {
  const match = STANDARD_SECRET.exec(secret)
  return !!match && Buffer.from(match[1], "base64").toString("base64") === match[1]
}

/** The HMAC key of `webhook-signature` for a stored endpoint secret (see above). */
export function standardSigningKey(secret: string): Buffer {
  return isStandardSecret(secret) ? Buffer.from(secret.slice("whsec_".length), "base64") : Buffer.from(secret, "utf8")
}

/** `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>` */
export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", standardSigningKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")
  return `v1,${mac}`
}

/**
 * Every signature header of one delivery attempt, signed at one timestamp:
 * X-License-Signature (byte-for-byte what receivers got before) and the three
 * Standard Webhooks headers. `deliveryId` is the delivery row's id: the same on
 * every retry and on the admin's Resend, so receivers dedupe on `webhook-id`.
 */
export function deliveryHeaders(
  secret: string,
  body: string,
  deliveryId: string,
  timestamp = Math.floor(Date.now() / 1000),
  { keyport = false }: { keyport?: boolean } = {}
): Record<string, string> {
  return {
    // An endpoint marked KeyPort-compatible: X-KeyPort-Signature, same value (docs/migrating-from-keyport.md)
    ...(keyport ? { [KEYPORT_SIGNATURE_HEADER]: signatureHeader(secret, body, timestamp) } : {}),
    [SIGNATURE_HEADER]: signatureHeader(secret, body, timestamp),
    [STANDARD_WEBHOOK_HEADERS.id]: deliveryId,
    [STANDARD_WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [STANDARD_WEBHOOK_HEADERS.signature]: standardSignature(secret, deliveryId, timestamp, body),
  }
}
