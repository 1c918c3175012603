import type { AxiosInstance, AxiosResponse } from "axios"
import { adminHeaders, type DemoStore, type Shopper } from "./store"

/** Store API headers for a shopper (logged in or a guest). */
const storeHeaders = (store: DemoStore, shopper?: { token?: string }) => ({
  "x-publishable-api-key": store.publishable_key,
  ...(shopper?.token ? { authorization: `Bearer ${shopper.token}` } : {}),
})

/** An empty cart in the demo region. */
export async function newCart(api: AxiosInstance, store: DemoStore, shopper: Shopper = { email: "guest@example.com" }): Promise<string> {
  const { data } = await api.post(
    "/store/carts",
    { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email: shopper.email },
    { headers: storeHeaders(store, shopper) }
  )
  return data.cart.id
}

/** Adds a renewal to a cart: of the customer's own license by id, or of any key as a guest. Never throws on a status. */
export function renewInto(
  api: AxiosInstance,
  store: DemoStore,
  cartId: string,
  target: { customer: { token: string }; licenseId: string } | { key: string }
): Promise<AxiosResponse> {
  const options = { validateStatus: () => true }
  return "key" in target
    ? api.post("/store/license-renewals", { cart_id: cartId, license_key: target.key }, { headers: storeHeaders(store), ...options })
    : api.post(`/store/customers/me/licenses/${target.licenseId}/renew`, { cart_id: cartId }, { headers: storeHeaders(store, target.customer), ...options })
}

/** Pays for and completes a cart with the system payment provider, as a storefront does. */
export async function completeCart(api: AxiosInstance, store: DemoStore, cartId: string, shopper?: { token?: string }) {
  const headers = storeHeaders(store, shopper)
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, { headers })
  await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers })
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, { headers })
  if (data.type !== "order") {
    throw new Error(`Cart did not complete: ${JSON.stringify(data.error ?? data)}`)
  }
  return data.order as { id: string; display_id: number; created_at: string; total: number; items: any[] }
}

/** Saves a variant's policy through the admin API: its current base fields and these renewal fields. */
export async function setRenewalPolicy(api: AxiosInstance, store: DemoStore, variantTitle: string, renewal: Record<string, unknown>) {
  const auth = await adminHeaders(api, store)
  const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
  const current = data.license_policies.find((p: { variant_title: string }) => p.variant_title === variantTitle)
  const { variant_title: _title, ...base } = current
  return await api.post(
    `/admin/products/${store.product_id}/license-policies`,
    { policies: [{ ...base, ...renewal }] },
    { ...auth, validateStatus: () => true }
  )
}

/** Adds an upgrade to a cart: of the customer's own license by id, or of any key as a guest. Never throws on a status. */
export function upgradeInto(
  api: AxiosInstance,
  store: DemoStore,
  cartId: string,
  variantId: string,
  target: { customer: { token: string }; licenseId: string } | { key: string }
): Promise<AxiosResponse> {
  const options = { validateStatus: () => true }
  return "key" in target
    ? api.post("/store/license-upgrades", { cart_id: cartId, license_key: target.key, variant_id: variantId }, { headers: storeHeaders(store), ...options })
    : api.post(`/store/customers/me/licenses/${target.licenseId}/upgrade`, { cart_id: cartId, variant_id: variantId }, { headers: storeHeaders(store, target.customer), ...options })
}
