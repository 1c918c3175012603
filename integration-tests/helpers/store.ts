import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance } from "axios"
import { type DemoStore, seedDemoStore } from "../../scripts/lib/seed-demo-store"

export type { DemoStore }

/** Seeds the demo store that `npm run dev` seeds, so tests check out what developers do. */
export const seedStore = (container: MedusaContainer) => seedDemoStore(container)

export async function adminHeaders(api: AxiosInstance, store: DemoStore) {
  const { data } = await api.post("/auth/user/emailpass", { email: store.admin_email, password: store.admin_password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}

export type Shopper = { email: string; token?: string }

/** Registers a customer account and returns a logged-in shopper. */
export async function registerCustomer(api: AxiosInstance, store: DemoStore, email: string, password = "secret-Pass-1") {
  const pk = { "x-publishable-api-key": store.publishable_key }
  const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password })
  await api.post("/store/customers", { email }, { headers: { ...pk, authorization: `Bearer ${reg.token}` } })
  const { data: login } = await api.post("/auth/customer/emailpass", { email, password })
  return { email, token: login.token as string }
}

/**
 * Checks a cart out through the store API exactly as a storefront does:
 * cart -> payment collection -> system payment session -> complete.
 */
export async function placeOrder(
  api: AxiosInstance,
  store: DemoStore,
  items: { variant_id: string; quantity: number }[],
  shopper: Shopper = { email: "guest@example.com" }
) {
  const headers: Record<string, string> = { "x-publishable-api-key": store.publishable_key }
  if (shopper.token) {
    headers.authorization = `Bearer ${shopper.token}`
  }
  const { data: cartRes } = await api.post(
    "/store/carts",
    { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email: shopper.email, items },
    { headers }
  )
  const cartId = cartRes.cart.id
  const { data: pcRes } = await api.post("/store/payment-collections", { cart_id: cartId }, { headers })
  await api.post(
    `/store/payment-collections/${pcRes.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    { headers }
  )
  const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, { headers })
  if (completed.type !== "order") {
    throw new Error(`Cart did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return completed.order as { id: string; display_id: number; customer_id: string; email: string; items: any[] }
}
