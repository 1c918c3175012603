import type { ReleaseRow } from "../../../../../modules/release/service"
import type { AdminReleaseShape } from "../../../../../types/releases"

/** A release as the admin API shows it (the artifact's storage key stays on the server). */
export function presentAdminRelease(release: ReleaseRow & { download_count?: number }): AdminReleaseShape {
  return {
    id: release.id,
    product_id: release.product_id,
    version: release.version,
    channel: release.channel,
    status: release.status,
    changelog: release.changelog,
    wp_requires: release.wp_requires,
    wp_tested: release.wp_tested,
    wp_requires_php: release.wp_requires_php,
    required_entitlement: release.required_entitlement,
    published_at: release.published_at,
    yanked_at: release.yanked_at,
    artifact: { name: release.artifact_name, size: Number(release.artifact_size), sha256: release.artifact_sha256 },
    download_count: release.download_count ?? 0,
    created_at: release.created_at,
  }
}
