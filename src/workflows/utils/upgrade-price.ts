import type { MedusaContainer } from "@medusajs/framework/types"
import type { UpgradeQuote } from "../../modules/license/actions"
import { LicenseLineAction, refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../../modules/license/rules/renewal-codes"
import { upgradeUnitPrice } from "../../modules/license/rules/upgrade-terms"
import type { RenewalCartItem } from "./renewal-price"
import { variantPrices } from "./variant-prices"

export type PricedUpgrade = { type: "line"; item: RenewalCartItem } | RenewalRefusal

/**
 * The cart line of a quoted upgrade: the target variant, one unit, the difference of the two variants' prices in the
 * region and currency prorated by the time left on the key (rules/upgrade-terms.ts), and metadata naming the license,
 * the action and the two variants (never the key). A refusal passes through.
 */
export async function priceUpgrade(
  container: Pick<MedusaContainer, "resolve">,
  quote: UpgradeQuote | RenewalRefusal,
  context: { region_id?: string | null; currency_code: string },
  now: Date = new Date()
): Promise<PricedUpgrade> {
  if (quote.type !== "quote") {
    return quote
  }
  const prices = await variantPrices(container, [quote.from_variant_id, quote.to_variant_id], context)
  const from = prices.get(quote.from_variant_id)
  const to = prices.get(quote.to_variant_id)
  if (from === undefined || to === undefined) {
    return refuseRenewal(RenewalErrorCode.UPGRADE_NO_PRICE, `The variants have no price in ${context.currency_code.toUpperCase()}`)
  }
  const price = upgradeUnitPrice({ from_price: from, to_price: to, expires_at: quote.expires_at, term_days: quote.term_days, now })
  if (price.type === "expired") {
    return refuseRenewal(RenewalErrorCode.LICENSE_EXPIRED, "An expired license cannot be upgraded: renew it first")
  }
  return {
    type: "line",
    item: {
      variant_id: quote.to_variant_id,
      quantity: 1,
      unit_price: price.unit_price,
      metadata: {
        license_id: quote.license_id,
        license_action: LicenseLineAction.UPGRADE,
        license_upgrade_from_variant_id: quote.from_variant_id,
        license_upgrade_to_variant_id: quote.to_variant_id,
      },
    },
  }
}
