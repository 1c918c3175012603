import { randomBytes } from "node:crypto"

/** A new endpoint signing secret: `whsec_` and 32 random bytes (base64url). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`
}

/** What the admin sees of a stored secret: its last four characters. */
export function webhookSecretHint(secret: string): string {
  return secret.slice(-4)
}
