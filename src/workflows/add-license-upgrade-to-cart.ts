import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalTarget } from "../modules/license/actions"
import { priceLicenseUpgradeStep } from "./steps/price-license-upgrade"
import { quoteLicenseUpgradeStep } from "./steps/quote-license-upgrade"
import { addLicenseLineToCart } from "./utils/license-cart-line"

export type AddLicenseUpgradeToCartInput = { cart_id: string; target: RenewalTarget; to_variant_id: string }

/**
 * Puts an upgrade of a license into a cart (docs/renewals-and-upgrades.md "Upgrades"), as a renewal goes in: under
 * the cart's lock (the renewals' lock, so a renewal and an upgrade of one key cannot both get in), the checks
 * (quote-license-upgrade), the prorated price (price-license-upgrade), then Medusa's own add-to-cart with the price as
 * the line's custom unit price (utils/license-cart-line.ts). Returns the line, or the refusal.
 */
export const addLicenseUpgradeToCartWorkflow = createWorkflow(
  "add-license-upgrade-to-cart",
  (input: AddLicenseUpgradeToCartInput) => {
    const priced = addLicenseLineToCart(input.cart_id, "upgrade", (cart) => {
      const quote = quoteLicenseUpgradeStep({ target: input.target, to_variant_id: input.to_variant_id, cart })
      return priceLicenseUpgradeStep({ quote, cart })
    })
    return new WorkflowResponse(priced)
  }
)
