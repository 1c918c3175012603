import type { RenewalPolicy } from "../rules/renewal-terms"

/** Whose license to renew: a customer's own (by id), or anyone's by its key (a guest at the storefront). */
export type RenewalTarget =
  | { license_id: string; customer_id: string }
  | { license_key: string; remote_address: string | null | undefined; forwarded_for: string | string[] | null | undefined }

/** The cart a renewal goes into, as the workflow read it (null: no such cart). */
export type RenewalCart = {
  id: string
  completed_at?: Date | string | null
  items?: ({ metadata?: Record<string, unknown> | null } | null)[] | null
} | null

export type RenewalQuote = {
  type: "quote"
  license_id: string
  variant_id: string
  product_id: string | null
  current_expires_at: Date
  /** The expiry the renewal gives if the order is placed now (order.placed computes it again). */
  new_expires_at: Date
  pricing: Pick<RenewalPolicy, "renewal_price_type" | "renewal_discount_percent" | "renewal_fixed_price">
}

/** One renewal line of a placed order. */
export type RenewalLine = {
  order_id: string
  line_item_id: string
  license_id: string
  /** Terms bought: the line's quantity. */
  quantity: number
  /** When the order was placed: the "now" of from_now_if_expired (an ISO string once it went through a workflow). */
  placed_at: Date | string
}

/** An extension this call made. */
export type AppliedRenewal = {
  id: string
  license_id: string
  order_id: string
  line_item_id: string
  previous_expires_at: Date
  new_expires_at: Date
}

/** An extension a refund, cancellation or return took back. */
export type RolledBackRenewal = AppliedRenewal & { expires_at: Date; reason: string }
