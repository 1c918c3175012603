import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { licenseKeys } from "../../lib/api"
import { sdk } from "../../lib/sdk"
import type { AdminVariantLicensePolicy } from "../../lib/types"

/** The renewal fields of a variant's policy, as GET /admin/products/:id/license-policies answers them. */
export type RenewalFields = {
  renewable: boolean
  renewal_price_type: "percent_off" | "fixed"
  renewal_discount_percent: number
  renewal_fixed_price: number | null
  renewal_term_days: number | null
  renewal_basis: "from_expiry" | "from_now_if_expired"
  reminder_offsets_days: number[] | null
  /** Upgrades (docs/renewals-and-upgrades.md "Upgrades"): other licensed variants of the product; [] = none. */
  upgrade_paths: string[]
}

export type VariantRenewalPolicy = AdminVariantLicensePolicy & RenewalFields

export function useVariantRenewalPolicies(productId: string) {
  return useQuery({
    queryKey: licenseKeys.policies(productId),
    queryFn: () =>
      sdk.client.fetch<{ license_policies: VariantRenewalPolicy[] }>(`/admin/products/${productId}/license-policies`),
  })
}

/** Saves whole policy rows (the base fields as loaded, the renewal fields as edited). */
export function useSaveRenewalPolicies(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (policies: Omit<VariantRenewalPolicy, "variant_title">[]) =>
      sdk.client.fetch(`/admin/products/${productId}/license-policies`, { method: "POST", body: { policies } }),
    onSuccess: () => client.invalidateQueries({ queryKey: licenseKeys.all }),
  })
}
