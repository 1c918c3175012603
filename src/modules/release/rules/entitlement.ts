import { expiryKeepsAccess, type ExpiryFacts, releaseCutoff } from "../../license/rules/expiry"

/** What delivery reads of a license: its stored status and the expiry facts (rules/expiry.ts). */
export type DeliveryLicense = ExpiryFacts & { status: string }

/**
 * Whether a license may get releases at `now`, and up to which published_at
 * (docs/software-delivery.md "Expiry, grace and maintain_access"): an active
 * key while it runs, during its grace period, and forever with maintain_access;
 * never a revoked, suspended or (revoke_access) expired one. The cut-off is the
 * lifecycle's releaseCutoff (the key's expiry), not derived again here.
 */
export function releaseEntitlement(license: DeliveryLicense, now: Date): { entitled: false } | { entitled: true; publishedBefore: Date | null } {
  if (license.status !== "active" || !expiryKeepsAccess(license, now)) {
    return { entitled: false }
  }
  return { entitled: true, publishedBefore: releaseCutoff(license) }
}

/** Whether a release published at `publishedAt` falls inside an entitlement's cut-off. */
export function entitlementCovers(entitlement: { publishedBefore: Date | null }, publishedAt: Date | string | null): boolean {
  if (publishedAt === null) {
    return false
  }
  return entitlement.publishedBefore === null || new Date(publishedAt).getTime() <= entitlement.publishedBefore.getTime()
}
