import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { licenseKeys } from "../../lib/api"
import { sdk } from "../../lib/sdk"
import type { AdminLicense } from "../../lib/types"

// The server's own shapes (GET /admin/products/:id/license-settings answers ProductLicenseSettings).
import type { ProductLicenseSettings } from "../../../modules/license/rules/product-settings"
import type { VersionMode } from "../../../modules/license/rules/version-gate"
import type { ProductQuotaToday } from "../../../modules/license/rules/daily-quota"

export type { ProductLicenseSettings, ProductQuotaToday, VersionMode }

export type ProductLicenseSettingsBody = Partial<
  Pick<
    ProductLicenseSettings,
    | "require_api_key"
    | "enforce_activation_limit"
    | "enforce_expiry"
    | "sign_answers"
    | "webhooks_enabled"
    | "ip_enforcement"
    | "daily_verify_quota"
    | "version_mode"
    | "version_pinned"
    | "version_range"
    | "custom_data"
    | "blocked_domains"
    | "blocked_ips"
  >
> & { archived?: boolean }

/** `api_key` (the full key) only when this call generated it: it is never readable again. */
export type ProductLicenseSettingsResponse = { license_settings: ProductLicenseSettings; api_key?: string }

/** Every code a verify answer can carry that the usage counts. */
export const VERIFY_CODES = [
  "valid",
  "expired",
  "revoked",
  "suspended",
  "blocked",
  "version_not_allowed",
  "product_archived",
  "max_activations_exceeded",
  "product_mismatch",
  "invalid_api_key",
  "configuration_error",
  "domain_required",
  "quota_exceeded",
] as const

export type VerifyCode = (typeof VERIFY_CODES)[number]

export type LicenseUsageDay = {
  /** YYYY-MM-DD */
  day: string
  counts: Partial<Record<VerifyCode | string, number>>
  total: number
}

/** The per-license overrides on GET/POST /admin/licenses/:id. */
export type AdminLicenseControls = {
  /** null = follow the product. */
  version_mode: VersionMode | null
  version_pinned: string | null
  version_range: string | null
  /** Its keys override the product's in `data`. */
  custom_data: Record<string, unknown> | null
  blocked_domains: string[]
  blocked_ips: string[]
}

/** A license as the detail route answers it; the control fields are optional until a server has them. */
export type AdminLicenseWithControls = AdminLicense & Partial<AdminLicenseControls>

export type LicenseControlsBody = Partial<AdminLicenseControls>

/** Under "licenses", so the existing invalidation refreshes them too. */
export const productLicensingKeys = {
  settings: (productId: string) => [...licenseKeys.all, "product-settings", productId] as const,
  usage: (productId: string) => [...licenseKeys.all, "product-usage", productId] as const,
}

export function useProductLicenseSettings(productId: string) {
  return useQuery({
    queryKey: productLicensingKeys.settings(productId),
    queryFn: () =>
      sdk.client.fetch<{ license_settings: ProductLicenseSettings }>(`/admin/products/${productId}/license-settings`),
  })
}

export function useSaveProductLicenseSettings(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: ProductLicenseSettingsBody) =>
      sdk.client.fetch<ProductLicenseSettingsResponse>(`/admin/products/${productId}/license-settings`, {
        method: "POST",
        body,
      }),
    onSuccess: (data) => {
      client.setQueryData(productLicensingKeys.settings(productId), { license_settings: data.license_settings })
      return client.invalidateQueries({ queryKey: licenseKeys.all })
    },
  })
}

/** Generates the product's API key, or rotates it (the old one stops working at once). */
export function useGenerateProductApiKey(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<Required<ProductLicenseSettingsResponse>>(
        `/admin/products/${productId}/license-settings/api-key`,
        { method: "POST", body: {} }
      ),
    onSuccess: (data) => {
      client.setQueryData(productLicensingKeys.settings(productId), { license_settings: data.license_settings })
      return client.invalidateQueries({ queryKey: licenseKeys.all })
    },
  })
}

/** The last 30 days of verify answers for the product, oldest first, and today's quota count. */
export function useProductLicenseUsage(productId: string) {
  return useQuery({
    queryKey: productLicensingKeys.usage(productId),
    queryFn: () =>
      sdk.client.fetch<{ usage: LicenseUsageDay[]; quota: ProductQuotaToday }>(`/admin/products/${productId}/license-usage`),
  })
}

export function useSaveLicenseControls(licenseId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: LicenseControlsBody) =>
      sdk.client.fetch<{ license: AdminLicenseWithControls; changes: Record<string, unknown> }>(
        `/admin/licenses/${licenseId}`,
        { method: "POST", body }
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}

/** GET/POST /admin/license-settings: the store-wide local and staging site patterns, with the built-in rules. */
export type LicenseStoreSettings = { local_site_patterns: string[]; built_in_local_rules: string[] }

const storeSettingsKey = [...licenseKeys.all, "store-settings"] as const

export function useLicenseStoreSettings() {
  return useQuery({
    queryKey: storeSettingsKey,
    queryFn: () => sdk.client.fetch<{ license_store_settings: LicenseStoreSettings }>("/admin/license-settings"),
  })
}

export function useSaveLicenseStoreSettings() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { local_site_patterns: string[] }) =>
      sdk.client.fetch<{ license_store_settings: LicenseStoreSettings }>("/admin/license-settings", { method: "POST", body }),
    onSuccess: (data) => client.setQueryData(storeSettingsKey, data),
  })
}
