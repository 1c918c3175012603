import { createHmac, timingSafeEqual } from "node:crypto"

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export const SIGNATURE_HEADER = "X-License-Signature"

/** On endpoints marked KeyPort-compatible: the same `t=...,v1=...` value under KeyPort's header name. */
export const KEYPORT_SIGNATURE_HEADER = "X-KeyPort-Signature"

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")
}

/** The header value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`
}

/**
 * What a receiver does (docs/webhooks.md shows it in Node and PHP): recompute the
 * HMAC over the raw body, compare in constant time, and refuse a timestamp
 * older than `toleranceSeconds` so a captured delivery cannot be replayed.
 */
export function verifySignatureHeader(
  secret: string,
  body: string,
  header: string | null | undefined,
  toleranceSeconds = 300,
  now = Math.floor(Date.now() / 1000)
): boolean {
  if (!header) {
    return false
  }
  const parts = new Map<string, string[]>()
  for (const item of header.split(",")) {
    const [name, value] = item.split("=", 2).map((s) => s.trim())
    if (name && value) {
      parts.set(name, [...(parts.get(name) ?? []), value])
    }
  }
  const timestamp = Number(parts.get("t")?.[0])
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) {
    return false
  }
  const expected = Buffer.from(signatureOf(secret, timestamp, body), "hex")
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex")
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
