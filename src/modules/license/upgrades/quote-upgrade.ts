import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../rules/renewal-codes"
import { upgradePaths } from "../rules/upgrade-terms"
import type LicenseModuleService from "../service"
import { cartActsOnLicense, findCartTarget } from "../renewals/find-target"
import type { RenewalCart, RenewalTarget } from "../renewals/types"
import type { UpgradeQuote } from "./types"

/**
 * Whether a license can be upgraded to `toVariantId` in this cart (docs/renewals-and-upgrades.md "Upgrades"): refused
 * for an unknown, revoked, suspended or expired key (in grace too: renew it first), a target that is not on the upgrade
 * path of the key's variant or not licensed, a cart that does not exist or is completed, or a cart that already
 * upgrades or renews this key. By key (a guest), the same failure budget as a renewal by key.
 */
export async function quoteUpgrade(
  this: LicenseModuleService,
  target: RenewalTarget,
  toVariantId: string,
  cart: RenewalCart,
  now: Date = new Date()
): Promise<UpgradeQuote | RenewalRefusal> {
  const found = await findCartTarget(this, target, cart, "upgraded")
  if ("type" in found) {
    return found
  }
  const license = found.license
  if (license.status === "suspended") {
    return refuseRenewal(RenewalErrorCode.LICENSE_SUSPENDED, "A suspended license cannot be upgraded")
  }
  if (license.expires_at && new Date(license.expires_at).getTime() <= now.getTime()) {
    return refuseRenewal(RenewalErrorCode.LICENSE_EXPIRED, "An expired license cannot be upgraded: renew it first")
  }
  const policies = license.variant_id
    ? await this.listLicensePolicies({ variant_id: [license.variant_id, toVariantId] }, { take: 2 })
    : []
  const current = policies.find((p) => p.variant_id === license.variant_id)
  const next = policies.find((p) => p.variant_id === toVariantId)
  if (!current || !next?.licensed || next.product_id !== current.product_id || !upgradePaths(current).includes(toVariantId)) {
    return refuseRenewal(RenewalErrorCode.UPGRADE_NOT_AVAILABLE, "This license cannot be upgraded to that variant")
  }
  if (cartActsOnLicense(found.cart, license.id)) {
    return refuseRenewal(RenewalErrorCode.UPGRADE_ALREADY_IN_CART, "The cart already upgrades or renews this license")
  }
  return {
    type: "quote",
    license_id: license.id,
    product_id: license.product_id ?? null,
    from_variant_id: license.variant_id!,
    to_variant_id: toVariantId,
    expires_at: license.expires_at ? new Date(license.expires_at) : null,
    term_days: current.term_days ?? null,
  }
}
