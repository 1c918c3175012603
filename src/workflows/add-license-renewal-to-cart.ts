import { acquireLockStep, addToCartWorkflow, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RenewalCart, RenewalTarget } from "../modules/license/actions"
import { type PriceLicenseRenewalStepInput, priceLicenseRenewalStep } from "./steps/price-license-renewal"
import { quoteLicenseRenewalStep } from "./steps/quote-license-renewal"
import { licenseCartLockKey } from "./utils/license-cart-lock"

export type AddLicenseRenewalToCartInput = { cart_id: string; target: RenewalTarget }

/**
 * Puts a renewal of a license into a cart (docs/renewals-and-upgrades.md): the checks and the terms
 * (quote-license-renewal), the price (price-license-renewal), then Medusa's own add-to-cart with the renewal price as
 * the line's custom unit price. A lock on the cart (Medusa's locking module: Redis when REDIS_URL is set) makes two
 * requests renewing the same key into one cart add one line and refuse the other. Returns the line, or the refusal.
 */
export const addLicenseRenewalToCartWorkflow = createWorkflow(
  "add-license-renewal-to-cart",
  (input: AddLicenseRenewalToCartInput) => {
    const lockKey = transform({ input }, ({ input }) => licenseCartLockKey(input.cart_id))
    acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "completed_at", "currency_code", "region_id", "items.id", "items.metadata"],
      filters: { id: input.cart_id },
    }).config({ name: "load-renewal-cart" })
    const cart = transform({ carts }, ({ carts }) => (carts[0] ?? null) as unknown as RenewalCart & PriceLicenseRenewalStepInput["cart"])
    const quote = quoteLicenseRenewalStep({ target: input.target, cart })
    const priced = priceLicenseRenewalStep({ quote, cart })
    when({ priced }, ({ priced }) => priced.type === "line").then(() => {
      const items = transform({ priced }, ({ priced }) => (priced.type === "line" ? [priced.item] : []))
      addToCartWorkflow.runAsStep({ input: { cart_id: input.cart_id, items } })
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(priced)
  }
)
