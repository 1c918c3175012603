import type { RenewalBasis, RenewalPriceType } from "../rules/renewal-terms"
import type { LicenseDTO } from "../service"

/** One licensed unit to issue a key for. */
export type IssueLicenseInput = {
  customer_id?: string | null
  customer_email?: string | null
  order_id?: string | null
  order_display_id?: number | null
  /** With line_item_id, issuance is idempotent per (line_item_id, unit_index). */
  line_item_id?: string | null
  unit_index?: number
  product_id?: string | null
  variant_id?: string | null
  product_title?: string | null
  variant_title?: string | null
  max_activations: number
  /** Explicit expiry wins over term_days; both absent = lifetime. */
  expires_at?: Date | null
  term_days?: number | null
  notes?: string | null
  metadata?: Record<string, unknown> | null
}

export type IssueLicensesResult = {
  /** Licenses this call created. */
  created: LicenseDTO[]
  /** Licenses that already existed for the requested units. */
  existing: LicenseDTO[]
}

export type LicensePolicyInput = {
  variant_id: string
  licensed: boolean
  max_activations: number
  term_days: number | null
  /** Deactivations per rolling 30 days: null = 3 x max_activations, 0 = unlimited; absent = unchanged. */
  deactivations_per_30_days?: number | null
  /** Renewal fields (rules/renewal-terms.ts); absent = unchanged. */
  renewable?: boolean
  renewal_price_type?: RenewalPriceType
  renewal_discount_percent?: number
  renewal_fixed_price?: number | null
  renewal_term_days?: number | null
  renewal_basis?: RenewalBasis
  reminder_offsets_days?: number[] | null
}
