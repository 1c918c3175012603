export type LicenseStatus = "active" | "expired" | "suspended" | "revoked"

export type AdminLicense = {
  id: string
  key: string
  key_hint: string
  /** The status a person sees: `expired` is derived from expires_at. */
  status: LicenseStatus
  customer_id: string | null
  customer_email: string | null
  order_id: string | null
  order_display_id: number | null
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  expires_at: string | null
  /** 0 = unlimited. */
  max_activations: number
  activations_used: number
  notes: string | null
  revoked_at: string | null
  revoke_reason: string | null
  created_at: string
  updated_at: string
}

export type AdminLicenseActivation = {
  id: string
  kind: "domain" | "ip"
  identifier: string
  first_seen_at: string
  last_seen_at: string
  last_ip: string | null
  released_at: string | null
  created_at: string
}

export type LicenseEventType =
  | "issued"
  | "activated"
  | "activation_refused"
  | "deactivated"
  | "reset"
  | "revoked"
  | "suspended"
  | "reinstated"
  | "updated"

export type LicenseActorType = "system" | "admin" | "customer" | "installed_product"

export type AdminLicenseEvent = {
  id: string
  type: LicenseEventType
  actor_type: LicenseActorType
  actor_id: string | null
  data: Record<string, unknown> | null
  created_at: string
}

export type AdminLicenseDetail = AdminLicense & {
  activations: AdminLicenseActivation[]
  events: AdminLicenseEvent[]
}

export type AdminLicenseList = { licenses: AdminLicense[]; count: number; limit: number; offset: number }

/** The policy of one product variant, as GET /admin/products/:id/license-policies answers it. */
export type AdminVariantLicensePolicy = {
  variant_id: string
  variant_title: string | null
  licensed: boolean
  /** 0 = unlimited. */
  max_activations: number
  /** null = lifetime. */
  term_days: number | null
}

/** A policy with its product, as GET /admin/license-policies answers it. */
export type AdminLicensePolicy = AdminVariantLicensePolicy & { product_id: string; product_title: string | null }

/** The list filters, as the list route and the export take them. */
export type LicenseListFilters = {
  q?: string
  status?: LicenseStatus[]
  product_id?: string[]
  customer_id?: string
  order_id?: string
  expiring_within_days?: number
}
