import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance } from "axios"

/** The order's first Medusa payment, with the order total. */
export async function paymentOf(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "total", "payment_collections.payments.id", "payment_collections.payments.amount"],
    filters: { id: orderId },
  })
  const payment = data[0].payment_collections![0]!.payments![0]!
  return { id: payment.id, amount: Number(payment.amount), total: Number(data[0].total) }
}

/** Fulfills `quantity` units of an order line item with the seeded shipping option. */
export async function fulfill(api: AxiosInstance, container: MedusaContainer, orderId: string, itemId: string, quantity: number, auth: object) {
  const [option] = await container.resolve(Modules.FULFILLMENT).listShippingOptions({ name: "Standard Shipping" })
  await api.post(`/admin/orders/${orderId}/fulfillments`, { items: [{ id: itemId, quantity }], shipping_option_id: option.id }, auth)
}

/** The dashboard's return flow: request the items, then receive them. Returns the return's id. */
export async function returnAndReceive(api: AxiosInstance, container: MedusaContainer, orderId: string, itemId: string, quantity: number, auth: object) {
  const [location] = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: "Main warehouse" })
  const { data: created } = await api.post("/admin/returns", { order_id: orderId, location_id: location.id }, auth)
  const returnId = created.return.id
  await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: itemId, quantity }] }, auth)
  await api.post(`/admin/returns/${returnId}/request`, {}, auth)
  await api.post(`/admin/returns/${returnId}/receive`, {}, auth)
  await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: itemId, quantity }] }, auth)
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, auth)
  return returnId as string
}
