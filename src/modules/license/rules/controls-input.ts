import { MedusaError } from "@medusajs/framework/utils"
import { normaliseBlockedDomain, normaliseBlockedIp } from "./blocklist"
import { normaliseVersion, normaliseVersionRange, type VersionMode } from "./version-gate"

/** What an admin may set on a product and, as overrides, on one license. */
export type ControlsInput = {
  version_mode?: VersionMode | null
  version_pinned?: string | null
  version_range?: string | null
  custom_data?: Record<string, unknown> | null
  blocked_domains?: string[] | null
  blocked_ips?: string[] | null
}

export const MAX_BLOCK_RULES = 500
export const MAX_CUSTOM_DATA_BYTES = 16 * 1024

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * The input in stored form: versions and ranges normalised, blocklist entries
 * canonical and without duplicates, custom data checked. Throws INVALID_DATA
 * (400) naming the first bad value; fields left out stay left out.
 */
export function normaliseControlsInput<T extends ControlsInput>(input: T): T {
  const out: T = { ...input }
  if (typeof input.version_pinned === "string") {
    const pinned = normaliseVersion(input.version_pinned)
    if (!pinned) {
      throw invalid(`version_pinned "${input.version_pinned}" is not a semantic version (e.g. 2.1.0)`)
    }
    out.version_pinned = pinned
  }
  if (typeof input.version_range === "string") {
    const range = normaliseVersionRange(input.version_range)
    if (!range) {
      throw invalid(`version_range "${input.version_range}" is not a semver range (e.g. >=1.2.0 <2.0.0, 1.x, ^2.1)`)
    }
    out.version_range = range
  }
  if (input.blocked_domains) {
    out.blocked_domains = normaliseRules(input.blocked_domains, normaliseBlockedDomain, "domain (example.com or *.example.com)")
  }
  if (input.blocked_ips) {
    out.blocked_ips = normaliseRules(input.blocked_ips, normaliseBlockedIp, "IP address or CIDR range")
  }
  if (input.custom_data !== undefined && input.custom_data !== null) {
    const data = input.custom_data as unknown
    if (typeof data !== "object" || Array.isArray(data)) {
      throw invalid("custom_data must be a JSON object")
    }
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_CUSTOM_DATA_BYTES) {
      throw invalid(`custom_data is larger than ${MAX_CUSTOM_DATA_BYTES} bytes`)
    }
  }
  return out
}

/** A version mode needs its value: pinned needs a pin, range a range. */
export function checkVersionPolicy(mode: VersionMode | null, pinned: string | null, range: string | null): void {
  if (mode === "pinned" && !pinned) {
    throw invalid("version_mode pinned needs version_pinned")
  }
  if (mode === "range" && !range) {
    throw invalid("version_mode range needs version_range")
  }
}

function normaliseRules(rules: string[], normalise: (rule: string) => string | null, what: string): string[] {
  if (rules.length > MAX_BLOCK_RULES) {
    throw invalid(`At most ${MAX_BLOCK_RULES} blocklist entries`)
  }
  const out = new Set<string>()
  for (const rule of rules) {
    const normalised = typeof rule === "string" ? normalise(rule) : null
    if (!normalised) {
      throw invalid(`"${String(rule)}" is not a valid ${what}`)
    }
    out.add(normalised)
  }
  return [...out]
}
