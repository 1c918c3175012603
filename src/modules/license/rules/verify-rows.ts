import type { LicenseStatus } from "../types"
import type { ExpiryStrategy } from "./expiry"
import type { VerifyIdentity } from "./identity"
import type { LicenseControlColumns } from "./license-controls"
import type { SuspensionKind } from "./suspension"

/** The rows the Verify API reads (sql/activations.ts) and buffers for writing (verify/): plain shapes. */

export type VerifyLicenseRow = {
  id: string
  status: LicenseStatus
  expires_at: Date | null
  max_activations: number
  activations_used: number
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  /** The slot this identity holds, if any. */
  activation_id: string | null
  last_seen_at: Date | null
  /** The license's expiry rules (rules/expiry.ts), read in the same lookup. */
  expiry_strategy: ExpiryStrategy
  grace_ends_at: Date | null
  /** The policy's "local and staging sites are free", snapshot on the key (rules/local-sites.ts). */
  local_sites_free: boolean
  /** The key's entitlement codes (rules/entitlements.ts). */
  entitlements: string[]
  /** Why it is suspended, while it is (rules/suspension.ts). */
  suspension?: SuspensionKind | null
  /** The policy's heartbeat interval, snapshot on the key (rules/heartbeat.ts); null = off. */
  heartbeat_interval_seconds: number | null
} & LicenseControlColumns

/** One verify's lookup: the key's hash and who asks. */
export type VerifyLookup = { keyHash: string; identity: VerifyIdentity }

export type LastSeenEntry = { activationId: string; seenAt: Date; ip: string | null }

export type UsageRow = { product_id: string; day: string /* YYYY-MM-DD, UTC */; code: string; count: number }
