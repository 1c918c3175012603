import type { EffectiveLicenseStatus } from "../types"
import type { SuspensionKind } from "./suspension"
import type { ExpiryStrategy } from "./expiry"
import type { HeartbeatDue } from "./heartbeat"
import type { VerifyIdentity } from "./identity"
import type { QuotaExceeded } from "./daily-quota"

/**
 * Why a product's or license's configuration prevents a decision: the Verify API then answers
 * `configuration_error` (HTTP 200, `valid: false`) with the problem named in
 * `configuration_problem` (docs/verify-api.md "Configuration errors"); the rules that find them are
 * rules/configuration-errors.ts.
 */
export const ConfigurationProblem = {
  /** The key's product was deleted in Medusa (its settings row carries product_deleted_at). */
  PRODUCT_DELETED: "product_deleted",
  /** The product requires an API key but has none (no key hash stored). */
  API_KEY_MISSING: "api_key_missing",
  /** The effective version rule (the license's override, else the product's) cannot be parsed. */
  VERSION_RULE_INVALID: "version_rule_invalid",
} as const
export type ConfigurationProblem = (typeof ConfigurationProblem)[keyof typeof ConfigurationProblem]

/** The stable codes of `POST /licenses/verify` (docs/verify-api.md). */
export const VerifyCode = {
  VALID: "valid",
  MALFORMED: "malformed",
  NOT_FOUND: "not_found",
  REVOKED: "revoked",
  SUSPENDED: "suspended",
  EXPIRED: "expired",
  PRODUCT_MISMATCH: "product_mismatch",
  MAX_ACTIVATIONS_EXCEEDED: "max_activations_exceeded",
  // Per-product controls (docs/product-controls.md)
  PRODUCT_ARCHIVED: "product_archived",
  BLOCKED: "blocked",
  VERSION_NOT_ALLOWED: "version_not_allowed",
  // The key lacks an entitlement the verify asked for (rules/entitlements.ts)
  ENTITLEMENTS_MISSING: "entitlements_missing",
  /** A product or license configuration problem prevents a decision (rules/configuration-errors.ts). */
  CONFIGURATION_ERROR: "configuration_error",
  /** The product counts domains only (rules/ip-enforcement.ts) and the call named none. */
  DOMAIN_REQUIRED: "domain_required",
  /** The product's daily verify quota is used up until the next UTC midnight (rules/daily-quota.ts). */
  QUOTA_EXCEEDED: "quota_exceeded",
} as const
export type VerifyCode = (typeof VerifyCode)[keyof typeof VerifyCode]

export const VERIFY_MESSAGES: Record<VerifyCode, string> = {
  valid: "License is valid",
  malformed: "License key is malformed",
  not_found: "License key not found",
  revoked: "License has been revoked",
  suspended: "License is suspended",
  expired: "License has expired",
  product_mismatch: "License does not belong to this product",
  max_activations_exceeded: "Max activations exceeded",
  product_archived: "This product is no longer available",
  blocked: "This domain or IP is blocked",
  version_not_allowed: "This version is not covered by the license",
  entitlements_missing: "The license does not include a feature this product asked for",
  configuration_error: "The product or license is misconfigured: contact the seller",
  domain_required: "This product requires the domain in the request",
  quota_exceeded: "This product's daily verify quota is used up until midnight UTC",
}

/** The stable codes of `POST /licenses/deactivate`. */
export const DeactivateCode = {
  DEACTIVATED: "deactivated",
  NOT_ACTIVATED: "not_activated",
  MALFORMED: "malformed",
  NOT_FOUND: "not_found",
  PRODUCT_MISMATCH: "product_mismatch",
  /** The license's deactivation budget (per rolling 30 days) is used up: the slot stays held. */
  DEACTIVATION_LIMIT_REACHED: "deactivation_limit_reached",
  CONFIGURATION_ERROR: "configuration_error",
} as const
export type DeactivateCode = (typeof DeactivateCode)[keyof typeof DeactivateCode]

export const DEACTIVATE_MESSAGES: Record<DeactivateCode, string> = {
  deactivated: "Activation has been released",
  not_activated: "No activation is held by this domain or IP",
  malformed: VERIFY_MESSAGES.malformed,
  not_found: VERIFY_MESSAGES.not_found,
  product_mismatch: VERIFY_MESSAGES.product_mismatch,
  deactivation_limit_reached: "Deactivation limit reached: this license freed too many activations in the last 30 days",
  configuration_error: VERIFY_MESSAGES.configuration_error,
}

/** Request errors (HTTP 400 / 429): not signed, no `valid`. */
export const RequestErrorCode = {
  INVALID_REQUEST: "invalid_request",
  RATE_LIMITED: "rate_limited",
  /** 401: the product requires its API key (`Authorization: Bearer ...`) and it is missing or wrong. */
  INVALID_API_KEY: "invalid_api_key",
} as const

/** What an installed product learns about the license it asked for. */
export type LicenseSummary = {
  status: EffectiveLicenseStatus
  expires_at: string | null
  max_activations: number
  activations_used: number
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  /** revoke_access or maintain_access (docs/verify-api.md "Expiry, grace and maintained access"). */
  expiry_strategy: ExpiryStrategy
  /** Set when the policy gives a grace period and the key has an expiry: until then a past expiry still verifies, as `grace`. */
  grace_ends_at: string | null
  /** Releases published after this instant are not covered (rules/expiry.ts#releaseCutoff); null = no cut-off. */
  release_cutoff: string | null
}

export type VerifyAnswer = {
  valid: boolean
  code: VerifyCode
  message: string
  /** The key in its canonical form; null when it was malformed. */
  license_key: string | null
  identity: VerifyIdentity
  /** Null when no license was found. */
  license: LicenseSummary | null
  /** The product's custom data with the license's over it, in valid answers; null otherwise. */
  data: Record<string, unknown> | null
  /** The key's entitlement codes in valid answers (and with entitlements_missing); null otherwise. */
  entitlements: string[] | null
  /** With entitlements_missing: the asked codes the key lacks. */
  entitlements_missing?: string[]
  /** With configuration_error only: which problem (rules/configuration-errors.ts). */
  configuration_problem?: ConfigurationProblem
  /** With suspended only: `billing` (a payment dispute) or `manual` (the admin); rules/suspension.ts. */
  suspension?: SuspensionKind
  /** With quota_exceeded only: the product's daily limit and the next UTC midnight, when calls count again. */
  quota?: QuotaExceeded
  /** When a machine on a key with heartbeats must verify again (rules/heartbeat.ts); null otherwise. */
  heartbeat: HeartbeatDue | null
}

export type DeactivateAnswer = {
  deactivated: boolean
  code: DeactivateCode
  message: string
  license_key: string | null
  identity: VerifyIdentity
  license: LicenseSummary | null
  /**
   * Deactivations still allowed in the rolling 30 days (after this one); null
   * when unlimited or when no license was found (docs/verify-api.md).
   */
  deactivations_remaining: number | null
  /** With deactivation_limit_reached: when one more becomes possible (ISO); null otherwise. */
  deactivation_available_at?: string | null
  /** With configuration_error only: which problem. */
  configuration_problem?: ConfigurationProblem
}

/**
 * Every 200 answer carries an ES256 JWT whose payload is the answer (plus iat,
 * exp); null when the license's product turned signed answers off.
 */
export type Signed<T> = T & { signature: string | null }

export type VerifyApiResult<T> =
  | { type: "answer"; answer: Signed<T> }
  | { type: "rate_limited"; retry_after: number; message: string }
  | { type: "invalid_request"; message: string }
  | { type: "invalid_api_key"; message: string }

/** The answers that are not a signed answer: 429 and 400. */
export type VerifyRequestError = Exclude<VerifyApiResult<never>, { type: "answer" }>

export type RateLimited = Extract<VerifyRequestError, { type: "rate_limited" }>

export function rateLimited(retryAfter: number): RateLimited {
  return {
    type: "rate_limited",
    retry_after: retryAfter,
    message: `Too many failed look-ups from this address; retry after ${retryAfter} seconds`,
  }
}

export const INVALID_API_KEY = {
  type: "invalid_api_key",
  message: "This product requires its API key: send Authorization: Bearer <product API key>",
} as const
