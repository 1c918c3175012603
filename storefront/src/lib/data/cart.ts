"use server"

import { sdk } from "@lib/config"
import { errorMessage } from "@lib/util/error-message"
import type { HttpTypes } from "@medusajs/types"
import { revalidateTag } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders, getCacheOptions, getCacheTag, getCartId, removeCartId, setCartId } from "./cookies"
import { getRegion } from "./regions"

// The cart and checkout, trimmed from the starter's cart.ts to what a software
// store needs: the demo product asks for no shipping, and the payment is the
// region's provider (the seed sets up Medusa's system default, pp_system_default).

export async function retrieveCart(): Promise<HttpTypes.StoreCart | null> {
  const id = await getCartId()
  if (!id) return null
  return sdk.client
    .fetch<HttpTypes.StoreCartResponse>(`/store/carts/${id}`, {
      method: "GET",
      query: { fields: "*items,*region,+items.total,*payment_collection.payment_sessions" },
      headers: await getAuthHeaders(),
      next: { ...(await getCacheOptions("carts")) },
      cache: "force-cache",
    })
    .then(({ cart }) => (cart.completed_at ? null : cart))
    .catch(() => null)
}

export async function getOrCreateCart(countryCode: string): Promise<HttpTypes.StoreCart> {
  const region = await getRegion(countryCode)
  if (!region) throw new Error(`No region for country code ${countryCode}.`)
  const headers = await getAuthHeaders()
  let cart = await retrieveCart()
  if (!cart) {
    cart = (await sdk.store.cart.create({ region_id: region.id }, {}, headers)).cart
    await setCartId(cart.id)
  } else if (cart.region_id !== region.id) {
    cart = (await sdk.store.cart.update(cart.id, { region_id: region.id }, {}, headers)).cart
  }
  return cart
}

export async function addToCart(_state: string | null, formData: FormData): Promise<string | null> {
  const variantId = String(formData.get("variant_id") ?? "")
  const countryCode = String(formData.get("country_code") ?? "")
  if (!variantId) return "Choose an option first."
  try {
    const cart = await getOrCreateCart(countryCode)
    await sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: 1 }, {}, await getAuthHeaders())
  } catch (error) {
    return errorMessage(error)
  }
  revalidateTag(await getCacheTag("carts"))
  redirect(`/${countryCode}/cart`)
}

export async function removeLineItem(lineId: string) {
  const cartId = await getCartId()
  if (!cartId) return
  await sdk.store.cart.deleteLineItem(cartId, lineId, {}, await getAuthHeaders())
  revalidateTag(await getCacheTag("carts"))
}

/**
 * Checkout in one step: the e-mail (the logged-in customer's, or the one typed),
 * a payment session with the region's first provider, then completion. Medusa
 * emits order.placed, and the plugin issues the keys.
 */
export async function placeOrder(_state: string | null, formData: FormData): Promise<string | null> {
  const countryCode = String(formData.get("country_code") ?? "")
  const email = String(formData.get("email") ?? "").trim()
  const cart = await retrieveCart()
  if (!cart) return "Your cart is empty."
  const headers = await getAuthHeaders()
  let orderId: string
  try {
    if (email && email !== cart.email) await sdk.store.cart.update(cart.id, { email }, {}, headers)
    const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: cart.region_id! }, headers)
    const provider = payment_providers[0]
    if (!provider) return "The store has no payment provider in this region."
    const { cart: updated } = await sdk.store.cart.retrieve(cart.id, { fields: "*payment_collection.payment_sessions" }, headers)
    await sdk.store.payment.initiatePaymentSession(updated, { provider_id: provider.id }, {}, headers)
    const result = await sdk.store.cart.complete(cart.id, {}, headers)
    if (result.type !== "order") return result.error?.message ?? "The order could not be placed."
    orderId = result.order.id
  } catch (error) {
    return errorMessage(error)
  }
  await removeCartId()
  revalidateTag(await getCacheTag("carts"))
  revalidateTag(await getCacheTag("orders"))
  revalidateTag(await getCacheTag("licenses"))
  redirect(`/${countryCode}/order/${orderId}/confirmed`)
}

export async function retrieveOrder(id: string): Promise<HttpTypes.StoreOrder | null> {
  return sdk.client
    .fetch<HttpTypes.StoreOrderResponse>(`/store/orders/${id}`, {
      method: "GET",
      query: { fields: "*items" },
      headers: await getAuthHeaders(),
      cache: "no-store",
    })
    .then(({ order }) => order)
    .catch(() => null)
}
