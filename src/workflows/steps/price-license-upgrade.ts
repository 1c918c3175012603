import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { UpgradeQuote } from "../../modules/license/actions"
import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../../modules/license/rules/renewal-codes"
import { type PricedUpgrade, priceUpgrade } from "../utils/upgrade-price"

export type PriceLicenseUpgradeStepInput = {
  quote: UpgradeQuote | RenewalRefusal
  cart: { id: string; region_id?: string | null; currency_code: string } | null
}

/** The cart line of a quoted upgrade at the cart's region and currency (utils/upgrade-price.ts); a read. */
export const priceLicenseUpgradeStep = createStep(
  "price-license-upgrade",
  async ({ quote, cart }: PriceLicenseUpgradeStepInput, { container }) => {
    if (!cart) {
      return new StepResponse<PricedUpgrade>(quote.type === "quote" ? refuseRenewal(RenewalErrorCode.CART_NOT_FOUND, "Cart not found") : quote)
    }
    return new StepResponse<PricedUpgrade>(await priceUpgrade(container, quote, cart))
  }
)
