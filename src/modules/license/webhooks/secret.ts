import { randomBytes } from "node:crypto"

/**
 * A new (or rotated) endpoint signing secret in the Standard Webhooks form:
 * `whsec_` and the base64 (padded, as the spec and its libraries decode it) of
 * 32 random bytes. Secrets made before (`whsec_` + base64url) stay valid: see
 * standard-webhooks.ts for how they sign.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`
}

/** What the admin sees of a stored secret: its last four characters. */
export function webhookSecretHint(secret: string): string {
  return secret.slice(-4)
}
