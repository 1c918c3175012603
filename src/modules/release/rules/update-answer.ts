import type { UpdateDecision } from "./installable"
import type { ReleaseChannel } from "./release-version"

/** A release as an installed product is offered it (POST /licenses/updates). */
export type OfferedRelease = {
  version: string
  channel: ReleaseChannel
  changelog: string | null
  published_at: string
  file_name: string
  size: number
  sha256: string
  requires: string | null
  tested: string | null
  requires_php: string | null
  /** GET it within download_expires_at (about ten minutes); ask the update check again for a new link. */
  download_url: string
  download_expires_at: string
}

/** A newer release the key may not install for lack of an entitlement (no download link: what an app can upsell). */
export type LockedRelease = {
  version: string
  channel: ReleaseChannel
  published_at: string
  /** The entitlement code the key would need (POST /admin/licenses/:id/entitlements adds it). */
  required_entitlement: string
}

/** What the update check adds to the verify answer it ran first. */
export type UpdateFields = {
  /** `update_available`, `up_to_date`, or null when the verify answer is not valid (its code says why). */
  update: "update_available" | "up_to_date" | null
  /** The newest release the key may install (with update_available; with up_to_date the one it runs, if any); null otherwise. */
  release: OfferedRelease | null
  /** The newest release newer than both `version` and `release` that needs an entitlement the key lacks; null when none (or not valid). */
  locked: LockedRelease | null
}

export type ReleaseForOffer = {
  id: string
  version: string
  channel: ReleaseChannel
  changelog: string | null
  published_at: Date | string | null
  artifact_name: string
  artifact_size: number
  artifact_sha256: string
  wp_requires: string | null
  wp_tested: string | null
  wp_requires_php: string | null
  required_entitlement?: string | null
}

export function offeredRelease(release: ReleaseForOffer, download: { url: string; expires_at: Date }): OfferedRelease {
  return {
    version: release.version,
    channel: release.channel,
    changelog: release.changelog,
    published_at: new Date(release.published_at ?? 0).toISOString(),
    file_name: release.artifact_name,
    size: Number(release.artifact_size),
    sha256: release.artifact_sha256,
    requires: release.wp_requires,
    tested: release.wp_tested,
    requires_php: release.wp_requires_php,
    download_url: download.url,
    download_expires_at: download.expires_at.toISOString(),
  }
}

/** The release a decision offers (the update, or the newest one the key may have when up to date). */
export const decisionRelease = <T>(decision: UpdateDecision<T>): T | null => (decision.type === "update" ? decision.release : decision.latest)

/** A release locked behind an entitlement, as the update check and the customer's list name it. */
export function lockedRelease(release: ReleaseForOffer): LockedRelease {
  return {
    version: release.version,
    channel: release.channel,
    published_at: new Date(release.published_at ?? 0).toISOString(),
    required_entitlement: release.required_entitlement ?? "",
  }
}
