import { acquireLockStep, addToCartWorkflow, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { transform, when, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import type { RenewalCart } from "../../modules/license/actions"
import type { PricedRenewal } from "./renewal-price"

/**
 * The key of the lock a renewal or an upgrade holds on a cart while it checks the cart and adds its line (Medusa's
 * locking module: Redis when REDIS_URL is set): one key for both, so a renewal and an upgrade of one license into one
 * cart cannot both get in.
 */
export const licenseCartLockKey = (cartId: string) => `license-renewal-cart:${cartId}`

/** The cart as the quote and price steps read it. */
export type LicenseCart = RenewalCart & { currency_code: string; region_id?: string | null }

/**
 * Composes, inside a renewal's or an upgrade's workflow, what both do around their own quote and price: the cart's
 * lock, the cart read, then Medusa's own add-to-cart of the priced line (a custom unit price), and the lock's release.
 * `price` composes the action's quote and price steps on the cart read. Returns what `price` returned.
 */
export function addLicenseLineToCart(
  cartId: string,
  action: "renewal" | "upgrade",
  price: (cart: WorkflowData<LicenseCart>) => WorkflowData<PricedRenewal>
): WorkflowData<PricedRenewal> {
  const lockKey = transform({ cartId }, ({ cartId }) => licenseCartLockKey(cartId))
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 30 })
  const { data: carts } = useQueryGraphStep({
    entity: "cart",
    fields: ["id", "completed_at", "currency_code", "region_id", "items.id", "items.metadata"],
    filters: { id: cartId },
  }).config({ name: `load-${action}-cart` })
  const cart = transform({ carts }, ({ carts }) => (carts[0] ?? null) as unknown as LicenseCart)
  const priced = price(cart)
  when({ priced }, ({ priced }) => priced.type === "line").then(() => {
    const items = transform({ priced }, ({ priced }) => (priced.type === "line" ? [priced.item] : []))
    addToCartWorkflow.runAsStep({ input: { cart_id: cartId, items } })
  })
  releaseLockStep({ key: lockKey })
  return priced
}
