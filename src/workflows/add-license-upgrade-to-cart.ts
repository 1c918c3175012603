import { acquireLockStep, addToCartWorkflow, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalCart, RenewalTarget } from "../modules/license/actions"
import { type PriceLicenseUpgradeStepInput, priceLicenseUpgradeStep } from "./steps/price-license-upgrade"
import { quoteLicenseUpgradeStep } from "./steps/quote-license-upgrade"
import { licenseCartLockKey } from "./utils/license-cart-lock"

export type AddLicenseUpgradeToCartInput = { cart_id: string; target: RenewalTarget; to_variant_id: string }

/**
 * Puts an upgrade of a license into a cart (docs/renewals-and-upgrades.md "Upgrades"), as a renewal goes in: under
 * the cart's lock (the renewals' lock, so a renewal and an upgrade of one key cannot both get in), the checks
 * (quote-license-upgrade), the prorated price (price-license-upgrade), then Medusa's own add-to-cart with the price as
 * the line's custom unit price. Returns the line, or the refusal.
 */
export const addLicenseUpgradeToCartWorkflow = createWorkflow(
  "add-license-upgrade-to-cart",
  (input: AddLicenseUpgradeToCartInput) => {
    const lockKey = transform({ input }, ({ input }) => licenseCartLockKey(input.cart_id))
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "completed_at", "currency_code", "region_id", "items.id", "items.metadata"],
      filters: { id: input.cart_id },
    }).config({ name: "load-upgrade-cart" })
    const cart = transform({ carts }, ({ carts }) => (carts[0] ?? null) as unknown as RenewalCart & PriceLicenseUpgradeStepInput["cart"])
    const quote = quoteLicenseUpgradeStep({ target: input.target, to_variant_id: input.to_variant_id, cart })
    const priced = priceLicenseUpgradeStep({ quote, cart })
    when({ priced }, ({ priced }) => priced.type === "line").then(() => {
      const items = transform({ priced }, ({ priced }) => (priced.type === "line" ? [priced.item] : []))
      addToCartWorkflow.runAsStep({ input: { cart_id: input.cart_id, items } })
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(priced)
  }
)
