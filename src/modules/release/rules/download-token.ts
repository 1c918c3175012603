import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Download tokens (GET /licenses/downloads/:token): `<payload>.<mac>`, both base64url, the MAC
 * an HMAC-SHA256 of the payload under the server's download secret. The payload names the
 * release, the license, the identity the update check was made for and the expiry (unix
 * seconds), so a link cannot be forged, altered to another release or license, or used long.
 */
export type DownloadGrant = { release_id: string; license_id: string; identity: string; expires_at: number }

export type TokenCheck = { type: "valid"; grant: DownloadGrant } | { type: "invalid" } | { type: "expired"; grant: DownloadGrant }

const MAX_TOKEN_LENGTH = 1024

export function signDownloadToken(secret: Buffer, grant: DownloadGrant): string {
  const payload = Buffer.from(JSON.stringify([grant.release_id, grant.license_id, grant.identity, grant.expires_at])).toString("base64url")
  return `${payload}.${mac(secret, payload)}`
}

/** Checks the MAC first (in constant time), then the shape, then the expiry against `now` (ms). */
export function checkDownloadToken(secret: Buffer, token: unknown, now: number): TokenCheck {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
    return { type: "invalid" }
  }
  const [payload, signature, ...rest] = token.split(".")
  if (!payload || !signature || rest.length) {
    return { type: "invalid" }
  }
  const expected = Buffer.from(mac(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { type: "invalid" }
  }
  let fields: unknown
  try {
    fields = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { type: "invalid" }
  }
  if (!Array.isArray(fields) || fields.length !== 4) {
    return { type: "invalid" }
  }
  const [release_id, license_id, identity, expires_at] = fields
  if (typeof release_id !== "string" || typeof license_id !== "string" || typeof identity !== "string" || !Number.isInteger(expires_at)) {
    return { type: "invalid" }
  }
  const grant: DownloadGrant = { release_id, license_id, identity, expires_at }
  return expires_at * 1000 <= now ? { type: "expired", grant } : { type: "valid", grant }
}

/** The download secret: the configured one, else derived from the plugin's key secret (a separate key by domain separation). */
export function downloadTokenKey(configured: string | undefined, licenseKeySecret: string): Buffer {
  return createHmac("sha256", configured ?? licenseKeySecret).update("license-release-download-token/v1").digest()
}

const mac = (secret: Buffer, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url")
