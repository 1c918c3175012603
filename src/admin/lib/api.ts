import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { z } from "@medusajs/framework/zod"
import type { AdminIssueLicense } from "../../api/admin/validators"
import { sdk } from "./sdk"
import type {
  AdminLicense,
  AdminLicenseDetailResponse,
  AdminLicenseList,
  AdminLicensePolicy,
  AdminVariantLicensePolicy,
  LicenseDetailPages,
  LicenseListFilters,
  LicensingOverview,
} from "./types"

/** Every license query key starts with "licenses": one invalidation refreshes lists, details and widgets. */
export const licenseKeys = {
  all: ["licenses"] as const,
  list: (query: Record<string, unknown>) => ["licenses", "list", query] as const,
  detail: (id: string) => ["licenses", "detail", id] as const,
  policies: (productId: string) => ["licenses", "policies", productId] as const,
  licensedVariants: ["licenses", "licensed-variants"] as const,
}

/** The message an API error carries (Medusa answers `{ type, message }`). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) {
    return error.message
  }
  return "Something went wrong"
}

const refreshLicenses = (client: QueryClient) => client.invalidateQueries({ queryKey: licenseKeys.all })

export type LicenseListQuery = LicenseListFilters & { limit: number; offset: number; order?: string }

/** Query parameters as the list route and the export take them (empty values left out). */
export function licenseQueryParams(filters: LicenseListFilters & Partial<Pick<LicenseListQuery, "limit" | "offset" | "order">>) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === "") {
      continue
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, String(item))
    }
  }
  return params
}

/** The export's path with the list filters (relative to the backend URL). */
export const exportPath = (filters: LicenseListFilters) => {
  const query = licenseQueryParams(filters).toString()
  return `/admin/licenses/export${query ? `?${query}` : ""}`
}

/** A file name like the server's Content-Disposition one (which a cross-origin page cannot read unless exposed). */
const exportFileName = (disposition: string | null, now = new Date()) =>
  /filename="?([^";]+)"?/i.exec(disposition ?? "")?.[1] ??
  `licenses-${now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}.csv`

/**
 * Export CSV through the SDK (the backend URL and the session cookie, like
 * every other call), then hand the body to the browser as a download: a link
 * to the export would go to the dashboard's origin, which is not the
 * backend's when the dashboard is served apart from it.
 */
export async function downloadLicensesCsv(filters: LicenseListFilters): Promise<string> {
  const response = await sdk.client.fetch<Response>(exportPath(filters), { headers: { accept: "text/csv" } })
  const blob = await response.blob()
  const name = exportFileName(response.headers.get("content-disposition"))
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = name
  link.style.display = "none"
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
  return name
}

export function useLicensingOverview() {
  return useQuery({
    queryKey: [...licenseKeys.all, "overview"],
    queryFn: () => sdk.client.fetch<{ overview: LicensingOverview }>("/admin/licenses/overview"),
  })
}

export function useLicenses(query: LicenseListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: licenseKeys.list(query),
    queryFn: () =>
      sdk.client.fetch<AdminLicenseList>(`/admin/licenses?${licenseQueryParams(query).toString()}`),
    placeholderData: (previous) => previous,
    ...options,
  })
}

/** Rows per page of the detail's activations and history. */
export const DETAIL_PAGE_SIZE = 20

export function useLicense(id: string, pages: LicenseDetailPages = { activations_offset: 0, events_offset: 0 }) {
  return useQuery({
    queryKey: [...licenseKeys.detail(id), pages],
    queryFn: () =>
      sdk.client.fetch<AdminLicenseDetailResponse>(`/admin/licenses/${id}`, {
        query: {
          activations_limit: DETAIL_PAGE_SIZE,
          activations_offset: pages.activations_offset,
          events_limit: DETAIL_PAGE_SIZE,
          events_offset: pages.events_offset,
        },
      }),
    placeholderData: (previous) => previous,
  })
}

export type LicenseEdit = {
  customer_discord_id?: string | null
  expires_at?: string | null
  max_activations?: number
  notes?: string | null
  deactivations_per_30_days?: number | null
}

/** The admin API's refusal of a "Free slot" past the deactivation budget (HTTP 409 deactivation_limit_reached). */
export const isDeactivationLimitError = (error: unknown) => (error as { status?: number } | null)?.status === 409

export function useUpdateLicense(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: LicenseEdit) =>
      sdk.client.fetch<{ license: AdminLicense; changes: Record<string, unknown> }>(`/admin/licenses/${id}`, {
        method: "POST",
        body,
      }),
    onSuccess: () => refreshLicenses(client),
  })
}

/** POST /admin/licenses's body as JSON carries it: the input of the route's own zod validator. */
export type IssueLicenseBody = z.input<typeof AdminIssueLicense>

export function useIssueLicense() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: IssueLicenseBody) =>
      sdk.client.fetch<{ license: AdminLicense }>("/admin/licenses", { method: "POST", body }),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useRevokeLicense(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (reason: string) =>
      sdk.client.fetch<{ license: AdminLicense }>(`/admin/licenses/${id}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useBulkRevokeLicenses() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { ids: string[]; reason: string }) =>
      sdk.client.fetch<{ revoked: string[]; skipped: string[] }>("/admin/licenses/bulk-revoke", {
        method: "POST",
        body,
      }),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useSetLicenseSuspended(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (suspend: boolean) =>
      sdk.client.fetch<{ license: AdminLicense }>(`/admin/licenses/${id}/${suspend ? "suspend" : "reinstate"}`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => refreshLicenses(client),
  })
}

/** Adds and removes entitlement codes on a key (docs/entitlements-and-license-files.md). */
export function useChangeEntitlements(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { add?: string[]; remove?: string[] }) =>
      sdk.client.fetch<{ license: AdminLicense }>(`/admin/licenses/${id}/entitlements`, { method: "POST", body }),
    onSuccess: () => refreshLicenses(client),
  })
}

/** The air-gapped activation: an activation request file in, the license file out. */
export function useOfflineActivation(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { activation_request: string; encrypt: boolean }) =>
      sdk.client.fetch<{ valid: boolean; code: string; message: string; license_file: unknown }>(
        `/admin/licenses/${id}/offline-activation`,
        { method: "POST", body }
      ),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useFreeActivation(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ activationId, override = false }: { activationId: string; override?: boolean }) =>
      sdk.client.fetch<{ license: AdminLicense }>(`/admin/licenses/${id}/activations/${activationId}`, {
        method: "DELETE",
        query: override ? { override: "true" } : {},
      }),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useResetActivations(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ license: AdminLicense; released: number }>(`/admin/licenses/${id}/reset`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => refreshLicenses(client),
  })
}

export function useProductLicensePolicies(productId: string) {
  return useQuery({
    queryKey: licenseKeys.policies(productId),
    queryFn: () =>
      sdk.client.fetch<{ license_policies: AdminVariantLicensePolicy[] }>(
        `/admin/products/${productId}/license-policies`
      ),
  })
}

export function useSaveProductLicensePolicies(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (policies: Omit<AdminVariantLicensePolicy, "variant_title">[]) =>
      sdk.client.fetch(`/admin/products/${productId}/license-policies`, { method: "POST", body: { policies } }),
    onSuccess: () => refreshLicenses(client),
  })
}

/** Every variant with a policy, with product titles (for pickers and the product filter). */
export function useLicensePolicies(options: { licensedOnly?: boolean } = {}) {
  return useQuery({
    queryKey: [...licenseKeys.licensedVariants, options.licensedOnly ?? false],
    queryFn: () =>
      sdk.client.fetch<{ license_policies: AdminLicensePolicy[] }>("/admin/license-policies", {
        query: options.licensedOnly ? { licensed: "true" } : {},
      }),
  })
}

export type CustomerOption = {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  has_account: boolean
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: ["licenses", "customer-search", q],
    queryFn: () =>
      sdk.client.fetch<{ customers: CustomerOption[] }>("/admin/customers", {
        query: { q: q || undefined, limit: 20, fields: "id,email,first_name,last_name,has_account" },
      }),
    placeholderData: (previous) => previous,
  })
}

export type AdminUserOption = { id: string; email: string; first_name: string | null; last_name: string | null }

/** The admin users that acted on a license, to name them in its history. */
export function useAdminUsers(ids: string[]) {
  return useQuery({
    queryKey: ["licenses", "admin-users", ids],
    queryFn: () =>
      sdk.client.fetch<{ users: AdminUserOption[] }>("/admin/users", {
        query: { id: ids, limit: ids.length, fields: "id,email,first_name,last_name" },
      }),
    enabled: ids.length > 0,
  })
}
