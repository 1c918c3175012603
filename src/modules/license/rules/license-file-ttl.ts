/** A license file's life (docs/entitlements-and-license-files.md): plain constants and arithmetic, safe for the admin bundle. */

export const DEFAULT_LICENSE_FILE_TTL_HOURS = 30 * 24
export const MIN_LICENSE_FILE_TTL_HOURS = 1
export const MAX_LICENSE_FILE_TTL_HOURS = 10 * 365 * 24

const HOUR = 60 * 60 * 1000

/**
 * When a file issued at `now` expires: now + the policy's TTL, never beyond the license's
 * own end (its expiry, or the end of its grace when it has one). A key past both that still
 * verifies (maintain_access) is capped by the TTL alone; a lifetime key likewise.
 */
export function licenseFileExpiry(
  now: Date,
  ttlHours: number,
  license: { expires_at: string | Date | null; grace_ends_at?: string | Date | null }
): Date {
  const byTtl = now.getTime() + Math.max(ttlHours, MIN_LICENSE_FILE_TTL_HOURS) * HOUR
  const ends = [license.expires_at, license.grace_ends_at ?? null]
    .filter((d): d is string | Date => d !== null && d !== undefined)
    .map((d) => new Date(d).getTime())
  const end = ends.length ? Math.max(...ends) : null
  return new Date(end !== null && end > now.getTime() ? Math.min(byTtl, end) : byTtl)
}
