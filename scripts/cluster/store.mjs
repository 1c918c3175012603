// The store-API checkout of integration-tests/helpers/store.ts placeOrder, for
// plain Node scripts: cart -> payment collection -> system payment session ->
// complete, exactly as a storefront does.
import { request } from "./http.mjs"

async function call(base, path, body, headers, from) {
  const res = await request(base, { method: "POST", path, body, headers, from })
  if (res.status < 200 || res.status >= 300) {
    const error = new Error(`POST ${path} -> ${res.status}: ${res.error?.message ?? res.text?.slice(0, 300)}`)
    error.status = res.status
    throw error
  }
  return res.json
}

/** `store` is the seed output (SEED_OUTPUT of scripts/seed.ts). */
export async function placeOrder(base, store, items, { email = "guest@example.com", from = "127.0.0.1" } = {}) {
  const headers = { "x-publishable-api-key": store.publishable_key }
  const { cart } = await call(base, "/store/carts", { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email, items }, headers, from)
  const { payment_collection } = await call(base, "/store/payment-collections", { cart_id: cart.id }, headers, from)
  await call(base, `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers, from)
  const completed = await call(base, `/store/carts/${cart.id}/complete`, {}, headers, from)
  if (completed.type !== "order") {
    throw new Error(`Cart did not complete: ${JSON.stringify(completed.error ?? completed).slice(0, 300)}`)
  }
  return completed.order
}

/** Registers a customer and returns their bearer token. */
export async function registerCustomer(base, store, email, password = "secret-Pass-1") {
  const pk = { "x-publishable-api-key": store.publishable_key }
  const reg = await call(base, "/auth/customer/emailpass/register", { email, password }, {})
  await call(base, "/store/customers", { email }, { ...pk, authorization: `Bearer ${reg.token}` })
  const login = await call(base, "/auth/customer/emailpass", { email, password }, {})
  return login.token
}
