import type { EffectiveLicenseStatus, LicenseStatus } from "../types"

/** Expiry is derived at request time from expires_at, never written by a job. */
export function effectiveLicenseStatus(
  license: { status: LicenseStatus | string; expires_at: Date | string | null },
  now: Date = new Date()
): EffectiveLicenseStatus {
  if (license.status !== "active") {
    return license.status as LicenseStatus
  }
  if (license.expires_at && new Date(license.expires_at).getTime() <= now.getTime()) {
    return "expired"
  }
  return "active"
}

export function expiryFromTerm(termDays: number | null | undefined, issuedAt: Date): Date | null {
  if (!termDays) {
    return null
  }
  return new Date(issuedAt.getTime() + termDays * 24 * 60 * 60 * 1000)
}
