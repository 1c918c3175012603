import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../rules/renewal-codes"
import { renewalPolicyFields } from "../rules/renewal-policy-fields"
import { renewalTermDays, renewedExpiry } from "../rules/renewal-terms"
import type LicenseModuleService from "../service"
import { cartActsOnLicense, findCartTarget } from "./find-target"
import type { RenewalCart, RenewalQuote, RenewalTarget } from "./types"

/**
 * Whether a license can be renewed into this cart, and on what terms (docs/renewals-and-upgrades.md): refused for an
 * unknown or revoked key, a policy that is not renewable, a lifetime key, a cart that does not exist or is completed,
 * or a cart that already renews this key. By key (a guest), an unknown or malformed key counts against the caller's
 * failure budget like a failed verify, and over it the answer is 429.
 */
export async function quoteRenewal(
  this: LicenseModuleService,
  target: RenewalTarget,
  cart: RenewalCart,
  now: Date = new Date()
): Promise<RenewalQuote | RenewalRefusal> {
  const found = await findCartTarget(this, target, cart, "renewed")
  if ("type" in found) {
    return found
  }
  const license = found.license
  const [policy] = license.variant_id ? await this.listLicensePolicies({ variant_id: license.variant_id }, { take: 1 }) : []
  const fields = { ...renewalPolicyFields(policy), term_days: policy?.term_days ?? null }
  const termDays = renewalTermDays(fields)
  if (!policy?.licensed || !fields.renewable || termDays === null || !license.expires_at) {
    return refuseRenewal(RenewalErrorCode.NOT_RENEWABLE, license.expires_at ? "This license's product is not renewable" : "A lifetime license has nothing to renew")
  }
  if (cartActsOnLicense(found.cart, license.id)) {
    return refuseRenewal(RenewalErrorCode.ALREADY_IN_CART, "The cart already renews this license")
  }
  const current = new Date(license.expires_at)
  return {
    type: "quote",
    license_id: license.id,
    variant_id: license.variant_id!,
    product_id: license.product_id ?? null,
    current_expires_at: current,
    new_expires_at: renewedExpiry(current, termDays, fields.renewal_basis, now)!,
    pricing: {
      renewal_price_type: fields.renewal_price_type,
      renewal_discount_percent: fields.renewal_discount_percent,
      renewal_fixed_price: fields.renewal_fixed_price,
    },
  }
}
