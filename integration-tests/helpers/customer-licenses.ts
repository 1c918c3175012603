import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance, AxiosResponse } from "axios"
import type LicenseModuleService from "../../src/modules/license/service"
import { type DemoStore, placeOrder, registerCustomer } from "./store"
import { waitFor } from "./wait"

/** A logged-in customer of the store API, with their customer id. */
export type Customer = { id: string; email: string; token: string }

export async function customerAccount(api: AxiosInstance, store: DemoStore, email: string, password?: string) {
  const shopper = await registerCustomer(api, store, email, password)
  const { data } = await api.get("/store/customers/me", {
    headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${shopper.token}` },
  })
  return { id: data.customer.id as string, email, token: shopper.token }
}

/** Calls the store API as `customer` (or anonymously with null); never throws on an HTTP status. */
export function storeClient(api: AxiosInstance, store: DemoStore) {
  const headers = (customer: Customer | null) => ({
    "x-publishable-api-key": store.publishable_key,
    ...(customer ? { authorization: `Bearer ${customer.token}` } : {}),
  })
  return {
    get: (customer: Customer | null, path: string): Promise<AxiosResponse> =>
      api.get(path, { headers: headers(customer), validateStatus: () => true }),
    delete: (customer: Customer | null, path: string): Promise<AxiosResponse> =>
      api.delete(path, { headers: headers(customer), validateStatus: () => true }),
  }
}

/** Places an order as the customer and waits for its keys (issued by the order.placed subscriber). */
export async function buyLicenses(
  api: AxiosInstance,
  container: MedusaContainer,
  store: DemoStore,
  customer: Customer,
  items: { variant_id: string; quantity: number }[]
) {
  const order = await placeOrder(api, store, items, customer)
  const expected = items.reduce((n, i) => n + i.quantity, 0)
  const licenses = container.resolve<LicenseModuleService>("license")
  const issued = await waitFor(
    () => licenses.listLicenses({ order_id: order.id }, { take: null }),
    (l) => l.length >= expected,
    30000
  )
  return { order, licenses: issued }
}

/** Activates a license on a domain through the public Verify API; returns its answer code. */
export async function activate(api: AxiosInstance, licenseKey: string, domain: string): Promise<string> {
  const res = await api.post("/licenses/verify", { license_key: licenseKey, domain }, { validateStatus: () => true })
  if (res.status !== 200) {
    throw new Error(`verify answered ${res.status}: ${JSON.stringify(res.data)}`)
  }
  return res.data.code
}
