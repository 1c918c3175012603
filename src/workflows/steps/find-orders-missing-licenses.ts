import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { isLicenseActionLine } from "../../modules/license/rules/renewal-codes"
import { forEachPlacedOrderPage, type PlacedOrderWindow } from "../utils/placed-order-pages"

export type FindOrdersMissingLicensesInput = PlacedOrderWindow

type OrderItems = { id: string; items?: ({ variant_id?: string | null; quantity: number; metadata?: Record<string, unknown> | null } | null)[] | null }

/**
 * Placed orders of the window whose licensed units outnumber their keys: what
 * a crash between order.placed and issuance (or a lost event) leaves behind.
 * Drafts (never placed), canceled orders and orders a refund revoked before
 * their keys existed are not missing anything.
 */
export const findOrdersMissingLicensesStep = createStep(
  "find-orders-missing-licenses",
  async (input: FindOrdersMissingLicensesInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const missing: string[] = []
    await forEachPlacedOrderPage<OrderItems>(container, input, ["id", "items.*"], async (orders) => {
      missing.push(...(await ordersMissingKeys(licenseModule, orders)))
    })
    return new StepResponse(missing)
  }
)

async function ordersMissingKeys(licenseModule: LicenseModuleService, orders: OrderItems[]): Promise<string[]> {
  const variantIds = [...new Set(orders.flatMap((o) => (o.items ?? []).map((i) => i?.variant_id)).filter(Boolean))]
  if (!variantIds.length) {
    return []
  }
  const policies = await licenseModule.listLicensePolicies(
    { variant_id: variantIds as string[], licensed: true },
    { take: null, select: ["variant_id"] }
  )
  const licensed = new Set(policies.map((p) => p.variant_id))
  const expected = new Map<string, number>()
  for (const order of orders) {
    const units = (order.items ?? [])
      // Renewal lines get no key of their own (renew-order-licenses extends the key they name).
      .filter((i) => i?.variant_id && licensed.has(i.variant_id) && !isLicenseActionLine(i))
      .reduce((sum, i) => sum + Number(i!.quantity), 0)
    if (units > 0) {
      expected.set(order.id, units)
    }
  }
  if (!expected.size) {
    return []
  }
  const revoked = await licenseModule.listWhollyRevokedOrders([...expected.keys()])
  const issued = await licenseModule.listLicenses(
    { order_id: [...expected.keys()], line_item_id: { $ne: null } },
    { take: null, select: ["id", "order_id"] }
  )
  const issuedPerOrder = new Map<string, number>()
  for (const license of issued) {
    issuedPerOrder.set(license.order_id!, (issuedPerOrder.get(license.order_id!) ?? 0) + 1)
  }
  return [...expected]
    .filter(([orderId, units]) => !revoked.has(orderId) && (issuedPerOrder.get(orderId) ?? 0) < units)
    .map(([orderId]) => orderId)
}
