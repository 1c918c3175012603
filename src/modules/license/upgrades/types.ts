/** The key's variant, cap and policy snapshot that an upgrade replaces (and a roll-back puts back). */
export type UpgradeSnapshot = {
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  max_activations: number
  expiry_strategy: "revoke_access" | "maintain_access"
  grace_days: number
  expiry_basis: "from_issuance" | "from_first_activation"
  // Absent in the snapshots of upgrades recorded before these three were part of them: the column is left as it is.
  local_sites_free?: boolean
  heartbeat_interval_seconds?: number | null
  entitlements?: string[]
}

/** What an upgrade of a license into a cart would be, before pricing (the workflow prices it in the cart's currency). */
export type UpgradeQuote = {
  type: "quote"
  license_id: string
  product_id: string | null
  from_variant_id: string
  to_variant_id: string
  /** The key's expiry (null: lifetime, or a term not started yet) and its current policy's term, for the proration. */
  expires_at: Date | null
  term_days: number | null
}

/** One upgrade line of a placed order. */
export type UpgradeLine = {
  order_id: string
  line_item_id: string
  license_id: string
  to_variant_id: string
  /** The line's titles: the key's new product/variant snapshot. */
  product_title: string | null
  variant_title: string | null
}

/** An upgrade this call applied, or that a refund, cancellation or return took back. */
export type AppliedUpgrade = {
  id: string
  license_id: string
  order_id: string
  line_item_id: string
  from_variant_id: string
  to_variant_id: string
  previous: UpgradeSnapshot
  applied: UpgradeSnapshot
}

/** An upgrade a refund, cancellation or return took back, with the slots over the old cap it released (newest first). */
export type RolledBackUpgrade = AppliedUpgrade & {
  reason: string
  released_slots: { activationId: string; kind: string; identifier: string; activationsUsed: number }[]
}
