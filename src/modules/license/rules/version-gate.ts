import semver from "semver"

/**
 * Which versions of an installed product a license answers for.
 *
 * Pre-releases are compared with `includePrerelease`, so they are ordinary
 * versions that sit just below their release: `1.x` allows `1.5.0-beta`, and
 * `>=2.0.0` refuses `2.0.0-rc.1` (it is lower than 2.0.0) while `<2.0.0` allows
 * it. A partial bound includes the pre-releases of its lower end (`^1.2` and
 * `~1.2` allow `1.2.0-beta`); a full one does not (`>=1.2.0` refuses it).
 */
export type VersionMode = "off" | "pinned" | "range"
export type VersionPolicy = { mode: VersionMode; pinned: string | null; range: string | null }
/** Per-license override: mode null = follow the product. */
export type VersionOverride = { mode: VersionMode | null; pinned: string | null; range: string | null }

const OFF: VersionPolicy = { mode: "off", pinned: null, range: null }
const MAX_VERSION_LENGTH = 64
const MAX_RANGE_LENGTH = 200
const IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*"
const LOOSE_VERSION = new RegExp(`^[vV]?(\\d+)(?:\\.(\\d+)(?:\\.(\\d+))?)?(?:-(${IDENTIFIERS}))?(?:\\+${IDENTIFIERS})?$`)

export function effectiveVersionPolicy(product: VersionPolicy | null, license: VersionOverride | null): VersionPolicy {
  if (license && license.mode !== null) {
    return { mode: license.mode, pinned: license.pinned, range: license.range }
  }
  return product ?? OFF
}

/**
 * The strict semver form of what a product reports: `v` prefix removed,
 * missing minor/patch filled with 0 (`1.2-beta` -> `1.2.0-beta`), build
 * metadata dropped. Null for anything else, including leading zeros.
 */
export function normaliseVersion(input: string): string | null {
  const trimmed = input.trim()
  if (trimmed.length > MAX_VERSION_LENGTH) {
    return null
  }
  const match = LOOSE_VERSION.exec(trimmed)
  if (!match) {
    return null
  }
  const [, major, minor = "0", patch = "0", prerelease] = match
  return semver.valid(`${major}.${minor}.${patch}${prerelease ? `-${prerelease}` : ""}`)
}

/** The trimmed range when semver accepts it. Empty is refused: it would silently mean "*". */
export function normaliseVersionRange(input: string): string | null {
  const trimmed = input.trim()
  if (!trimmed || trimmed.length > MAX_RANGE_LENGTH) {
    return null
  }
  return semver.validRange(trimmed) === null ? null : trimmed
}

/** A policy missing its pin or range refuses every version (fails closed). */
export function versionAllowed(policy: VersionPolicy, version: string | null | undefined): boolean {
  if (policy.mode === "off") {
    return true
  }
  const reported = typeof version === "string" ? normaliseVersion(version) : null
  if (!reported) {
    return false
  }
  if (policy.mode === "pinned") {
    const pin = policy.pinned === null ? null : normaliseVersion(policy.pinned)
    return pin !== null && semver.eq(reported, pin)
  }
  if (policy.mode === "range") {
    return policy.range !== null && semver.satisfies(reported, policy.range, { includePrerelease: true })
  }
  return false
}
