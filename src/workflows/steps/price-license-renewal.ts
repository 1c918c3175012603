import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalQuote } from "../../modules/license/actions"
import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../../modules/license/rules/renewal-codes"
import { type PricedRenewal, priceRenewal } from "../utils/renewal-price"

export type { RenewalCartItem } from "../utils/renewal-price"

export type PriceLicenseRenewalStepInput = {
  quote: RenewalQuote | RenewalRefusal
  cart: { id: string; region_id?: string | null; currency_code: string } | null
}

/** The cart line of a quoted renewal at the cart's region and currency (utils/renewal-price.ts); a read. */
export const priceLicenseRenewalStep = createStep(
  "price-license-renewal",
  async ({ quote, cart }: PriceLicenseRenewalStepInput, { container }) => {
    if (!cart) {
      return new StepResponse<PricedRenewal>(quote.type === "quote" ? refuseRenewal(RenewalErrorCode.CART_NOT_FOUND, "Cart not found") : quote)
    }
    return new StepResponse<PricedRenewal>(await priceRenewal(container, quote, cart))
  }
)
