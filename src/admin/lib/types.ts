export type AdminLicense = {
  id: string
  key: string
  key_hint: string
  status: "active" | "expired" | "suspended" | "revoked"
  customer_id: string | null
  customer_email: string | null
  order_id: string | null
  order_display_id: number | null
  product_title: string | null
  variant_title: string | null
  expires_at: string | null
  max_activations: number
  activations_used: number
  created_at: string
}

export type AdminLicenseList = { licenses: AdminLicense[]; count: number; limit: number; offset: number }
