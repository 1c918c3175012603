import semver from "semver"
import { normaliseVersion } from "../../license/rules/version-gate"

/**
 * Release versions and channels. Versions are parsed the way the Verify API reads an
 * installed product's version (the license module's rules/version-gate.ts): `v1.2`
 * is `1.2.0`, build metadata is dropped, and a pre-release sits just below its release.
 */
export const RELEASE_CHANNELS = ["stable", "beta", "alpha"] as const
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number]
export const RELEASE_STATUSES = ["draft", "published", "yanked"] as const
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number]

/** How far from stable a channel is: a key asking for a channel sees it and every steadier one. */
const CHANNEL_RANK: Record<ReleaseChannel, number> = { stable: 0, beta: 1, alpha: 2 }

export const isReleaseChannel = (value: unknown): value is ReleaseChannel =>
  typeof value === "string" && (RELEASE_CHANNELS as readonly string[]).includes(value)

/** The strict semver form of a release version, or null when it is not one. */
export const releaseVersion = (input: string): string | null => normaliseVersion(input)

/** Whether a key asking for `asked` is offered a release of `channel`: stable sees stable, beta sees beta and stable, alpha all. */
export const channelIncludes = (asked: ReleaseChannel, channel: ReleaseChannel): boolean => CHANNEL_RANK[channel] <= CHANNEL_RANK[asked]

/** Newest first by semver (pre-releases below their release); equal versions: the later published first. */
export function compareReleasesNewestFirst(
  a: { version: string; published_at?: Date | string | null },
  b: { version: string; published_at?: Date | string | null }
): number {
  const byVersion = semver.rcompare(a.version, b.version)
  if (byVersion !== 0) {
    return byVersion
  }
  return time(b.published_at) - time(a.published_at)
}

const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0)
