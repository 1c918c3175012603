import { resolveSigningKey } from "./verify/signing-key"
import { type ResolvedHistoryOptions, resolveHistoryOptions } from "./rules/history-options"

export type LicenseModuleOptions = {
  /** Letters before the first dash of every key. Default `CP`. */
  keyPrefix?: string
  /** Secret for the key HMAC and encryption (32+ chars). Default: LICENSE_KEY_SECRET. */
  secret?: string
  /** Notification template used to send a customer their new keys. */
  issuedNotificationTemplate?: string
  /** Notification channel for it. Default `email`. */
  issuedNotificationChannel?: string
  // Customer account options (see docs/storefront.md) ------------------------
  /** Whether customers may free their own activation slots in the storefront. Default true. */
  customerCanDeactivate?: boolean | string
  /** Minimum time between two slots a customer frees on the same license, in seconds. Default 0 (none). */
  customerDeactivationCooldownSeconds?: number | string
  // Verify API options (see docs/verify-api.md) --------------------------------
  /**
   * EC P-256 private key (PEM) that signs every Verify API answer (ES256).
   * Default: LICENSE_SIGNING_PRIVATE_KEY. Required when NODE_ENV=production.
   */
  signingPrivateKey?: string
  /** How long an installed product may trust a signed answer (JWT `exp`), in seconds. Default 3600. */
  signatureTtlSeconds?: number | string
  /**
   * Reverse proxies in front of Medusa whose X-Forwarded-For entry is trusted to
   * name the client. Default 0: the client is the socket's peer address.
   */
  trustedProxyHops?: number | string
  /** Failed look-ups (not_found, malformed) allowed per client IP and window before 429. 0 disables. Default 20. */
  verifyRateLimitMax?: number | string
  /** The window of that limit, in seconds. Default 60. */
  verifyRateLimitWindowSeconds?: number | string
  /** Redis that shares the rate limiter between server instances. Default: REDIS_URL; unset = in-process. */
  redisUrl?: string
  // Revocation options (see docs/revocation.md) -------------------------------
  /** Which refunds revoke an order's keys: `any_refund` (default) or only a `full_refund`. */
  revokeOn?: RevokeOn | string
  /** Signing secret (`whsec_...`) of the Stripe webhook endpoint /hooks/licenses/stripe. Default: STRIPE_LICENSE_WEBHOOK_SECRET. */
  stripeWebhookSecret?: string
  // Webhooks and transfers options (see docs/webhooks.md, docs/transfers.md) ---
  /** Let webhook endpoints be on loopback, link-local, private or unique-local addresses. Default false. */
  webhooksAllowPrivateNetworks?: boolean | string
  /** Attempts per delivery before it is marked failed. Default 12. */
  webhooksMaxAttempts?: number | string
  /** Delay before the first retry, in ms; it doubles per attempt (with jitter). Default 30000. */
  webhooksBackoffBaseMs?: number | string
  /** Longest delay between two attempts, in ms. Default 6 hours. */
  webhooksBackoffMaxMs?: number | string
  /** Timeout of one attempt (connect, send, answer), in ms. Default 10000. */
  webhooksTimeoutMs?: number | string
  /** Notification template sent to both customers when a license is transferred. Default `license-transferred`. */
  transferNotificationTemplate?: string
  /** Its channel. Default `email`. */
  transferNotificationChannel?: string
  // History retention (see docs/admin.md) ---------------------------------------
  /** Released activations and churn events older than this many days are pruned. Default 180; 0 = keep; else >= 31. */
  historyRetentionDays?: number | string
  /** Notification template of the one-time claim link sent to a transfer's recipient. Default `license-transfer-claim`. */
  transferClaimNotificationTemplate?: string
  /** How long a claim link stays valid, in seconds. Default 7 days. */
  transferClaimTtlSeconds?: number | string
  /** The storefront the claim link points to. Default: STOREFRONT_URL, else http://localhost:8000. */
  storefrontUrl?: string
  /** Path of the claim page on the storefront. Default `/account/licenses/claim`. */
  transferClaimPath?: string
  // Coming from KeyPort (see docs/migrating-from-keyport.md) ---------------------
  /** Serve the KeyPort-compatible API (GET /api/v1/license/:key, POST /api/v1/validate). Default false: it claims /api/v1. */
  keyportCompatibleApi?: boolean | string
}

export type ResolvedLicenseOptions = {
  keyPrefix: string
  secret: string
  issuedNotificationTemplate: string
  issuedNotificationChannel: string
  customer: ResolvedCustomerOptions
  verify: ResolvedVerifyOptions
  revocation: ResolvedRevocationOptions
  webhooks: ResolvedWebhookOptions
  transfers: ResolvedTransferOptions
  history: ResolvedHistoryOptions
  /** The KeyPort-compatible API (docs/migrating-from-keyport.md): off = its routes answer 404. */
  keyportCompatibleApi: boolean
}

export type ResolvedVerifyOptions = {
  signingPrivateKey: string
  /** True when no key was configured outside production and a throw-away one is used. */
  signingKeyEphemeral: boolean
  signatureTtlSeconds: number
  trustedProxyHops: number
  rateLimitMax: number
  rateLimitWindowSeconds: number
  redisUrl: string | null
}

const MIN_SECRET_LENGTH = 32

/** Validates the options at boot: a store must never run with a guessable secret. */
export function resolveLicenseOptions(options: LicenseModuleOptions = {}): ResolvedLicenseOptions {
  const keyPrefix = (options.keyPrefix ?? "CP").toUpperCase()
  if (!/^[A-Z]{1,8}$/.test(keyPrefix)) {
    throw new Error(`License keys: keyPrefix must be 1 to 8 letters, got "${options.keyPrefix}".`)
  }
  const secret = options.secret || process.env.LICENSE_KEY_SECRET
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      "License keys: no secret configured. Set LICENSE_KEY_SECRET (or the plugin option `secret`) to a random " +
        `string of at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`. ` +
        "`npm run dev` generates one for local development; production has no default."
    )
  }
  return {
    keyPrefix,
    secret,
    issuedNotificationTemplate: options.issuedNotificationTemplate ?? "license-issued",
    issuedNotificationChannel: options.issuedNotificationChannel ?? "email",
    customer: resolveCustomerOptions(options),
    verify: resolveVerifyOptions(options),
    revocation: resolveRevocationOptions(options),
    webhooks: resolveWebhookOptions(options),
    transfers: resolveTransferOptions(options),
    history: resolveHistoryOptions(options.historyRetentionDays),
    keyportCompatibleApi: booleanOption("keyportCompatibleApi", options.keyportCompatibleApi, false),
  }
}

// Verify API options ----------------------------------------------------------

function resolveVerifyOptions(options: LicenseModuleOptions): ResolvedVerifyOptions {
  const signing = resolveSigningKey(options.signingPrivateKey)
  return {
    signingPrivateKey: signing.pem,
    signingKeyEphemeral: signing.ephemeral,
    signatureTtlSeconds: integerOption("signatureTtlSeconds", options.signatureTtlSeconds, 3600, 10, 30 * 24 * 3600),
    trustedProxyHops: integerOption("trustedProxyHops", options.trustedProxyHops, 0, 0, 10),
    rateLimitMax: integerOption("verifyRateLimitMax", options.verifyRateLimitMax, 20, 0, Number.MAX_SAFE_INTEGER),
    rateLimitWindowSeconds: integerOption("verifyRateLimitWindowSeconds", options.verifyRateLimitWindowSeconds, 60, 1, 24 * 3600),
    redisUrl: options.redisUrl || process.env.REDIS_URL || null,
  }
}

/** Accepts a number or a numeric string (options often come from env vars); empty = default. */
function integerOption(name: string, value: number | string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null || value === "") {
    return fallback
  }
  const parsed = typeof value === "number" ? value : Number(String(value).trim())
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`License keys: option ${name} must be an integer from ${min} to ${max}, got "${value}".`)
  }
  return parsed
}

// Revocation options ----------------------------------------------------------

export const RevokeOn = {
  ANY_REFUND: "any_refund",
  FULL_REFUND: "full_refund",
} as const
export type RevokeOn = (typeof RevokeOn)[keyof typeof RevokeOn]

export type ResolvedRevocationOptions = {
  revokeOn: RevokeOn
  /** Null when not configured: the Stripe webhook then refuses every delivery. */
  stripeWebhookSecret: string | null
}

function resolveRevocationOptions(options: LicenseModuleOptions): ResolvedRevocationOptions {
  const revokeOn = options.revokeOn || RevokeOn.ANY_REFUND
  if (revokeOn !== RevokeOn.ANY_REFUND && revokeOn !== RevokeOn.FULL_REFUND) {
    throw new Error(`License keys: option revokeOn must be "any_refund" or "full_refund", got "${revokeOn}".`)
  }
  return {
    revokeOn,
    stripeWebhookSecret: options.stripeWebhookSecret || process.env.STRIPE_LICENSE_WEBHOOK_SECRET || null,
  }
}

/** What an order (or a Stripe charge) was paid and how much of it was refunded, in one currency unit. */
export type RefundAmounts = { refunded: number; paid: number }

/**
 * Whether a refund revokes the order's keys: `any_refund` revokes on any amount
 * refunded; `full_refund` only once everything paid has been refunded (up to
 * 0.005 of the unit, so that the rounding of decimal amounts does not matter).
 */
export function refundRevokesLicenses(revokeOn: RevokeOn, { refunded, paid }: RefundAmounts): boolean {
  if (!(refunded > 0)) {
    return false
  }
  if (revokeOn === RevokeOn.ANY_REFUND) {
    return true
  }
  return paid > 0 && refunded >= paid - 0.005
}

// Customer account options ----------------------------------------------------

export type ResolvedCustomerOptions = {
  canDeactivate: boolean
  deactivationCooldownSeconds: number
}

function resolveCustomerOptions(options: LicenseModuleOptions): ResolvedCustomerOptions {
  return {
    canDeactivate: booleanOption("customerCanDeactivate", options.customerCanDeactivate, true),
    deactivationCooldownSeconds: integerOption(
      "customerDeactivationCooldownSeconds",
      options.customerDeactivationCooldownSeconds,
      0,
      0,
      365 * 24 * 3600
    ),
  }
}

/** Accepts a boolean or true/false, 1/0, yes/no (options often come from env vars); empty = default. */
function booleanOption(name: string, value: boolean | string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === null || value === "") {
    return fallback
  }
  if (typeof value === "boolean") {
    return value
  }
  const text = String(value).trim().toLowerCase()
  if (["true", "1", "yes"].includes(text)) {
    return true
  }
  if (["false", "0", "no"].includes(text)) {
    return false
  }
  throw new Error(`License keys: option ${name} must be true or false, got "${value}".`)
}

// Webhooks and transfers options ----------------------------------------------

export type ResolvedWebhookOptions = {
  allowPrivateNetworks: boolean
  maxAttempts: number
  backoffBaseMs: number
  backoffMaxMs: number
  timeoutMs: number
}

function resolveWebhookOptions(options: LicenseModuleOptions): ResolvedWebhookOptions {
  const allowPrivate = options.webhooksAllowPrivateNetworks ?? process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS
  return {
    allowPrivateNetworks: booleanOption("webhooksAllowPrivateNetworks", allowPrivate, false),
    maxAttempts: integerOption("webhooksMaxAttempts", options.webhooksMaxAttempts, 12, 1, 50),
    backoffBaseMs: integerOption("webhooksBackoffBaseMs", options.webhooksBackoffBaseMs, 30_000, 10, 24 * 3600 * 1000),
    backoffMaxMs: integerOption("webhooksBackoffMaxMs", options.webhooksBackoffMaxMs, 6 * 3600 * 1000, 10, 7 * 24 * 3600 * 1000),
    timeoutMs: integerOption("webhooksTimeoutMs", options.webhooksTimeoutMs, 10_000, 100, 60_000),
  }
}

export type ResolvedTransferOptions = {
  notificationTemplate: string
  notificationChannel: string
  claimNotificationTemplate: string
  claimTtlSeconds: number
  storefrontUrl: string
  claimPath: string
}

function resolveTransferOptions(options: LicenseModuleOptions): ResolvedTransferOptions {
  return {
    notificationTemplate: options.transferNotificationTemplate || "license-transferred",
    notificationChannel: options.transferNotificationChannel || "email",
    claimNotificationTemplate: options.transferClaimNotificationTemplate || "license-transfer-claim",
    claimTtlSeconds: integerOption("transferClaimTtlSeconds", options.transferClaimTtlSeconds, 7 * 24 * 3600, 60, 90 * 24 * 3600),
    storefrontUrl: urlOption("storefrontUrl", options.storefrontUrl || process.env.STOREFRONT_URL || "http://localhost:8000"),
    claimPath: options.transferClaimPath || "/account/licenses/claim",
  }
}

/** An absolute http(s) URL, or a boot error naming the option. */
function urlOption(name: string, value: string): string {
  try {
    const url = new URL(value)
    if (url.protocol === "http:" || url.protocol === "https:") {
      return value
    }
  } catch {
    // fall through
  }
  throw new Error(`License keys: option ${name} must be an absolute http(s) URL, got "${value}".`)
}
