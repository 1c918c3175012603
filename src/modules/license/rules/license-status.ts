import type { EffectiveLicenseStatus, LicenseStatus } from "../types"
import { expiryPhase } from "./expiry"

/** Expiry is derived at request time from expires_at, never written by a job. */
export function effectiveLicenseStatus(
  license: { status: LicenseStatus | string; expires_at: Date | string | null; grace_ends_at?: Date | string | null },
  now: Date = new Date()
): EffectiveLicenseStatus {
  if (license.status !== "active") {
    return license.status as LicenseStatus
  }
  switch (expiryPhase(license, now)) {
    case "running":
      return "active"
    case "grace":
      // Past its expiry, inside the policy's grace period (rules/expiry.ts).
      return "grace"
    case "expired":
      return "expired"
  }
}

export function expiryFromTerm(termDays: number | null | undefined, issuedAt: Date): Date | null {
  if (!termDays) {
    return null
  }
  return new Date(issuedAt.getTime() + termDays * 24 * 60 * 60 * 1000)
}
