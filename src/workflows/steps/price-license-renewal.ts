import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalQuote } from "../../modules/license/actions"
import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../../modules/license/rules/renewal-codes"
import { renewalUnitPrice } from "../../modules/license/rules/renewal-terms"
import { renewalLineMetadata } from "../utils/renewal-line"

export type PriceLicenseRenewalStepInput = {
  quote: RenewalQuote | RenewalRefusal
  cart: { id: string; region_id?: string | null; currency_code: string } | null
}

export type RenewalCartItem = { variant_id: string; quantity: 1; unit_price: number; metadata: Record<string, unknown> }

/**
 * The cart line of a quoted renewal: the license's variant, one unit, the renewal price (rules/renewal-terms.ts) off
 * the variant's price in the cart's region and currency, and metadata naming the license, the action and the new
 * expiry (never the key). A refusal passes through.
 */
export const priceLicenseRenewalStep = createStep(
  "price-license-renewal",
  async ({ quote, cart }: PriceLicenseRenewalStepInput, { container }) => {
    if (quote.type !== "quote" || !cart) {
      return new StepResponse<{ type: "line"; item: RenewalCartItem } | RenewalRefusal>(
        quote.type === "quote" ? refuseRenewal(RenewalErrorCode.CART_NOT_FOUND, "Cart not found") : quote
      )
    }
    let variantPrice: number | null = null
    if (quote.pricing.renewal_price_type !== "fixed") {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product_variant",
        fields: ["id", "calculated_price.calculated_amount"],
        filters: { id: quote.variant_id },
        context: {
          calculated_price: QueryContext({ region_id: cart.region_id ?? undefined, currency_code: cart.currency_code }),
        },
      })
      const amount = (data[0] as { calculated_price?: { calculated_amount?: unknown } | null } | undefined)?.calculated_price?.calculated_amount
      variantPrice = amount === null || amount === undefined ? null : Number(amount)
      if (variantPrice === null || !Number.isFinite(variantPrice)) {
        return new StepResponse<{ type: "line"; item: RenewalCartItem } | RenewalRefusal>(
          refuseRenewal(RenewalErrorCode.NO_PRICE, `The variant has no price in ${cart.currency_code.toUpperCase()}`)
        )
      }
    }
    const item: RenewalCartItem = {
      variant_id: quote.variant_id,
      quantity: 1,
      unit_price: renewalUnitPrice(quote.pricing, variantPrice ?? 0),
      metadata: renewalLineMetadata(quote),
    }
    return new StepResponse<{ type: "line"; item: RenewalCartItem } | RenewalRefusal>({ type: "line", item })
  }
)
