import type { MedusaContainer } from "@medusajs/framework/types"
import type { RenewalQuote } from "../../modules/license/actions"
import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../../modules/license/rules/renewal-codes"
import { renewalUnitPrice } from "../../modules/license/rules/renewal-terms"
import { renewalLineMetadata } from "./renewal-line"
import { variantPrices } from "./variant-prices"

export type RenewalCartItem = { variant_id: string; quantity: 1; unit_price: number; metadata: Record<string, unknown> }
export type PricedRenewal = { type: "line"; item: RenewalCartItem } | RenewalRefusal

/**
 * The cart line of a quoted renewal: the license's variant, one unit, the renewal price (rules/renewal-terms.ts) off
 * the variant's price in the region and currency, and metadata naming the license, the action and the new expiry
 * (never the key). A refusal passes through.
 */
export async function priceRenewal(
  container: Pick<MedusaContainer, "resolve">,
  quote: RenewalQuote | RenewalRefusal,
  context: { region_id?: string | null; currency_code: string }
): Promise<PricedRenewal> {
  if (quote.type !== "quote") {
    return quote
  }
  let variantPrice = 0
  if (quote.pricing.renewal_price_type !== "fixed") {
    variantPrice = (await variantPrices(container, [quote.variant_id], context)).get(quote.variant_id) ?? NaN
    if (!Number.isFinite(variantPrice)) {
      return refuseRenewal(RenewalErrorCode.NO_PRICE, `The variant has no price in ${context.currency_code.toUpperCase()}`)
    }
  }
  return {
    type: "line",
    item: { variant_id: quote.variant_id, quantity: 1, unit_price: renewalUnitPrice(quote.pricing, variantPrice), metadata: renewalLineMetadata(quote) },
  }
}
