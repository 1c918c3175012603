import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalTarget } from "../modules/license/actions"
import { priceLicenseRenewalStep } from "./steps/price-license-renewal"
import { quoteLicenseRenewalStep } from "./steps/quote-license-renewal"
import { addLicenseLineToCart } from "./utils/license-cart-line"

export type AddLicenseRenewalToCartInput = { cart_id: string; target: RenewalTarget }

/**
 * Puts a renewal of a license into a cart (docs/renewals-and-upgrades.md): under the cart's lock, the checks and the
 * terms (quote-license-renewal), the price (price-license-renewal), then Medusa's own add-to-cart with the renewal
 * price as the line's custom unit price (utils/license-cart-line.ts). Two requests renewing the same key into one cart
 * add one line and refuse the other. Returns the line, or the refusal.
 */
export const addLicenseRenewalToCartWorkflow = createWorkflow(
  "add-license-renewal-to-cart",
  (input: AddLicenseRenewalToCartInput) => {
    const priced = addLicenseLineToCart(input.cart_id, "renewal", (cart) => {
      const quote = quoteLicenseRenewalStep({ target: input.target, cart })
      return priceLicenseRenewalStep({ quote, cart })
    })
    return new WorkflowResponse(priced)
  }
)
