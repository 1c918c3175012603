import type { BlockRules } from "./blocklist"
import { IpEnforcement } from "./ip-enforcement"
import { effectiveVersionPolicy, type VersionMode, type VersionPolicy } from "./version-gate"

/** The product's settings and the license's overrides, as the Verify lookup returns them beside the license. */
export type LicenseControlColumns = {
  license_version_mode: VersionMode | null
  license_version_pinned: string | null
  license_version_range: string | null
  license_custom_data: Record<string, unknown> | null
  license_blocked_domains: string[] | null
  license_blocked_ips: string[] | null
  /** Null when the product has no settings row (all defaults). */
  require_api_key: boolean | null
  api_key_hash: string | null
  enforce_activation_limit: boolean | null
  enforce_expiry: boolean | null
  sign_answers: boolean | null
  product_version_mode: VersionMode | null
  product_version_pinned: string | null
  product_version_range: string | null
  product_custom_data: Record<string, unknown> | null
  product_archived_at: Date | null
  /** Set when the Medusa product was deleted (rules/configuration-errors.ts). */
  product_deleted_at?: Date | null
  /** Which identity counts (rules/ip-enforcement.ts); null = the default. */
  ip_enforcement?: IpEnforcement | null
  /** Verify calls per UTC day (rules/daily-quota.ts); null or 0 = no quota. */
  daily_verify_quota?: number | null
  product_blocked_domains: string[] | null
  product_blocked_ips: string[] | null
}

/** What one verify of one license must obey. */
export type LicenseControls = {
  requireApiKey: boolean
  apiKeyHash: string | null
  enforceActivationLimit: boolean
  enforceExpiry: boolean
  signAnswers: boolean
  archived: boolean
  productDeleted: boolean
  ipEnforcement: IpEnforcement
  /** Verify calls per UTC day of the product's keys (rules/daily-quota.ts); 0 = no quota. */
  dailyVerifyQuota: number
  version: VersionPolicy
  blockRules: BlockRules
  /** The product's custom data with the license's keys over it; null when neither has any. */
  customData: Record<string, unknown> | null
}

const NONE: string[] = []

const concat = (a: string[] | null, b: string[] | null): string[] =>
  a?.length ? (b?.length ? [...a, ...b] : a) : (b ?? NONE)

export function licenseControls(row: LicenseControlColumns): LicenseControls {
  const productVersion: VersionPolicy | null = row.product_version_mode
    ? { mode: row.product_version_mode, pinned: row.product_version_pinned, range: row.product_version_range }
    : null
  return {
    requireApiKey: row.require_api_key === true,
    apiKeyHash: row.api_key_hash,
    enforceActivationLimit: row.enforce_activation_limit !== false,
    enforceExpiry: row.enforce_expiry !== false,
    signAnswers: row.sign_answers !== false,
    archived: row.product_archived_at !== null && row.product_archived_at !== undefined,
    productDeleted: row.product_deleted_at !== null && row.product_deleted_at !== undefined,
    ipEnforcement: row.ip_enforcement ?? IpEnforcement.DOMAIN_OR_IP,
    dailyVerifyQuota: row.daily_verify_quota ?? 0,
    version: effectiveVersionPolicy(productVersion, {
      mode: row.license_version_mode,
      pinned: row.license_version_pinned,
      range: row.license_version_range,
    }),
    blockRules: {
      domains: concat(row.product_blocked_domains, row.license_blocked_domains),
      ips: concat(row.product_blocked_ips, row.license_blocked_ips),
    },
    customData:
      row.product_custom_data || row.license_custom_data
        ? { ...(row.product_custom_data ?? {}), ...(row.license_custom_data ?? {}) }
        : null,
  }
}
