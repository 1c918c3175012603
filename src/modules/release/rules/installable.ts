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
  /** The entitlement code a key must hold for this release; null or absent: none. */
  required_entitlement?: string | null
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
  /**
   * The key's entitlement codes (license rules/entitlements.ts) as they are now: a release that
   * requires a code outside them is not installable. Absent: the key holds none.
   */
  entitlements?: readonly string[] | null
}

/** Whether a key holding `entitlements` may have `release` (a release that requires no code: every key). */
export function holdsRequiredEntitlement(release: { required_entitlement?: string | null }, entitlements: readonly string[] | null | undefined): boolean {
  return !release.required_entitlement || (entitlements ?? []).includes(release.required_entitlement)
}

/**
 * The releases a key may install, newest first: published (never a draft, never a yanked one), on
 * its channel or a steadier one, inside its version gate, published no later than the cut-off, and
 * requiring no entitlement the key lacks. Apart, `locked`: the ones it would get but for an
 * entitlement it lacks (what the customer's list shows as locked), newest first too.
 */
export function partitionReleases<T extends ReleaseCandidate>(releases: T[], scope: InstallScope): { installable: T[]; locked: T[] } {
  const installable: T[] = []
  const locked: T[] = []
  for (const release of offeredToScope(releases, scope)) {
    ;(holdsRequiredEntitlement(release, scope.entitlements) ? installable : locked).push(release)
  }
  return { installable, locked }
}

/** The releases the scope's channel, version gate and cut-off let through, newest first (entitlements not looked at). */
function offeredToScope<T extends ReleaseCandidate>(releases: T[], scope: InstallScope): T[] {
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

/**
 * `locked`: the newest release the key would be offered but for an entitlement it lacks, when it is
 * newer than both the installed version and the release offered (so an app can say "2.0 needs pro").
 */
export type UpdateDecision<T> = ({ type: "update"; release: T } | { type: "up_to_date"; latest: T | null }) & { locked: T | null }

/**
 * What to answer an installed product of version `installed`: the newest release it may install
 * when that one is newer, else up_to_date (also when it runs a newer build than any release).
 * An installed version that is not semver counts as older than every release.
 */
export function decideUpdate<T extends ReleaseCandidate>(releases: T[], scope: InstallScope, installed: string | null): UpdateDecision<T> {
  const { installable, locked } = partitionReleases(releases, scope)
  const [latest] = installable
  const current = installed === null ? null : releaseVersion(installed)
  const newer = (release: T) => (current === null || semver.gt(release.version, current)) && (!latest || semver.gt(release.version, latest.version))
  const lockedAbove = locked.find(newer) ?? null
  if (!latest) {
    return { type: "up_to_date", latest: null, locked: lockedAbove }
  }
  return current === null || semver.gt(latest.version, current)
    ? { type: "update", release: latest, locked: lockedAbove }
    : { type: "up_to_date", latest, locked: lockedAbove }
}
