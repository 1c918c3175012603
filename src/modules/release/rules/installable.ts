import semver from "semver"
import { type VersionPolicy, versionAllowed } from "../../license/rules/version-gate"
import { channelIncludes, compareReleasesNewestFirst, type ReleaseChannel, type ReleaseStatus, releaseVersion } from "./release-version"

/** What the rules need of a release. */
export type ReleaseCandidate = {
  id: string
  version: string
  channel: ReleaseChannel
  status: ReleaseStatus
  published_at: Date | string | null
}

/** What a key may install (docs/software-delivery.md, "What a key is offered"). */
export type InstallScope = {
  /** The channel the installed product asks for; stable when it asks for none. */
  channel: ReleaseChannel
  /** The license's version gate (product setting, or the license's override). */
  versionGate: VersionPolicy
  /**
   * The `maintain_access` cut-off: the latest published_at the key may get (the lifecycle's expiry
   * strategy feeds it: a key that expired keeps the releases published before it expired). Null: no cut-off.
   */
  publishedBefore?: Date | null
}

/**
 * The releases a key may install, newest first: published (never a draft, never a yanked one), on
 * its channel or a steadier one, inside its version gate, and published no later than the cut-off.
 */
export function installableReleases<T extends ReleaseCandidate>(releases: T[], scope: InstallScope): T[] {
  const cutoff = scope.publishedBefore ? scope.publishedBefore.getTime() : null
  return releases
    .filter(
      (release) =>
        release.status === "published" &&
        release.published_at !== null &&
        channelIncludes(scope.channel, release.channel) &&
        releaseVersion(release.version) !== null &&
        versionAllowed(scope.versionGate, release.version) &&
        (cutoff === null || new Date(release.published_at).getTime() <= cutoff)
    )
    .sort(compareReleasesNewestFirst)
}

export type UpdateDecision<T> = { type: "update"; release: T } | { type: "up_to_date"; latest: T | null }

/**
 * What to answer an installed product of version `installed`: the newest release it may install
 * when that one is newer, else up_to_date (also when it runs a newer build than any release).
 * An installed version that is not semver counts as older than every release.
 */
export function decideUpdate<T extends ReleaseCandidate>(releases: T[], scope: InstallScope, installed: string | null): UpdateDecision<T> {
  const [latest] = installableReleases(releases, scope)
  if (!latest) {
    return { type: "up_to_date", latest: null }
  }
  const current = installed === null ? null : releaseVersion(installed)
  return current === null || semver.gt(latest.version, current) ? { type: "update", release: latest } : { type: "up_to_date", latest }
}
