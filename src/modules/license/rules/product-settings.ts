import type { ControlsInput } from "./controls-input"
import type { VersionMode } from "./version-gate"
import type { IpEnforcement } from "./ip-enforcement"

/** A product's licensing controls as the admin sees them (never the API key's hash). */
export type ProductLicenseSettings = {
  product_id: string
  require_api_key: boolean
  /** The API key's first characters, e.g. "lk_live_ab12"; null = no key yet. */
  api_key_prefix: string | null
  api_key_created_at: string | null
  enforce_activation_limit: boolean
  enforce_expiry: boolean
  sign_answers: boolean
  version_mode: VersionMode
  version_pinned: string | null
  version_range: string | null
  custom_data: Record<string, unknown> | null
  archived_at: string | null
  blocked_domains: string[]
  blocked_ips: string[]
  /** Off: no webhook delivery is queued for the product's licenses (docs/webhooks.md). Default on. */
  webhooks_enabled: boolean
  /** Which identity counts toward the cap (rules/ip-enforcement.ts). Default domain_or_ip. */
  ip_enforcement: IpEnforcement
  /** Verify calls per UTC day the product's keys may make (rules/daily-quota.ts); 0 = no quota, the default. */
  daily_verify_quota: number
}

export type ProductLicenseSettingsUpdate = Omit<ControlsInput, "version_mode" | "blocked_domains" | "blocked_ips"> & {
  version_mode?: VersionMode
  blocked_domains?: string[]
  blocked_ips?: string[]
  require_api_key?: boolean
  enforce_activation_limit?: boolean
  enforce_expiry?: boolean
  sign_answers?: boolean
  webhooks_enabled?: boolean
  ip_enforcement?: IpEnforcement
  daily_verify_quota?: number
  /** true archives (keys answer product_archived), false unarchives. */
  archived?: boolean
}

export type ProductSettingsRow = Omit<ProductLicenseSettings, "api_key_created_at" | "archived_at"> & {
  api_key_hash: string | null
  api_key_created_at: Date | null
  archived_at: Date | null
}

export function defaultProductSettings(productId: string): ProductLicenseSettings {
  return {
    product_id: productId,
    require_api_key: false,
    api_key_prefix: null,
    api_key_created_at: null,
    enforce_activation_limit: true,
    enforce_expiry: true,
    sign_answers: true,
    version_mode: "off",
    version_pinned: null,
    version_range: null,
    custom_data: null,
    archived_at: null,
    blocked_domains: [],
    blocked_ips: [],
    webhooks_enabled: true,
    ip_enforcement: "domain_or_ip",
    daily_verify_quota: 0,
  }
}

export function presentProductSettings(row: ProductSettingsRow): ProductLicenseSettings {
  const { api_key_hash: _hash, ...rest } = row
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null)
  return {
    ...defaultProductSettings(row.product_id),
    ...rest,
    api_key_created_at: iso(row.api_key_created_at),
    archived_at: iso(row.archived_at),
  }
}
