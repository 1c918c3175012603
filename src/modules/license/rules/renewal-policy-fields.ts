import type { RenewalBasis, RenewalPolicy, RenewalPriceType } from "./renewal-terms"

type StoredRenewalFields = {
  renewable?: boolean | null
  renewal_price_type?: string | null
  renewal_discount_percent?: number | null
  renewal_fixed_price?: unknown
  renewal_term_days?: number | null
  renewal_basis?: string | null
  reminder_offsets_days?: unknown
}

/** The renewal fields of a stored policy row (or none: the defaults), as plain values. */
export function renewalPolicyFields(row: StoredRenewalFields | null | undefined): Omit<RenewalPolicy, "term_days"> {
  const fixed = row?.renewal_fixed_price
  const offsets = row?.reminder_offsets_days
  return {
    renewable: row?.renewable ?? false,
    renewal_price_type: (row?.renewal_price_type ?? "percent_off") as RenewalPriceType,
    renewal_discount_percent: Number(row?.renewal_discount_percent ?? 0),
    renewal_fixed_price: fixed === null || fixed === undefined ? null : Number(fixed),
    renewal_term_days: row?.renewal_term_days ?? null,
    renewal_basis: (row?.renewal_basis ?? "from_expiry") as RenewalBasis,
    reminder_offsets_days: Array.isArray(offsets) ? offsets.map(Number) : null,
  }
}
