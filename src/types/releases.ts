import type { ReleaseChannel, ReleaseStatus } from "../modules/release/rules/release-version"

/** A release as the admin API shows it (GET/POST /admin/products/:id/releases); dates are ISO strings over HTTP. */
export type AdminReleaseShape<DateT = Date> = {
  id: string
  product_id: string
  version: string
  channel: ReleaseChannel
  status: ReleaseStatus
  changelog: string | null
  wp_requires: string | null
  wp_tested: string | null
  wp_requires_php: string | null
  /** Only keys holding this entitlement code are offered and served the release; null: every key. */
  required_entitlement: string | null
  published_at: DateT | null
  yanked_at: DateT | null
  artifact: { name: string; size: number; sha256: string }
  download_count: number
  created_at: DateT
}
