import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type FindOrdersMissingLicensesInput = { placed_after: Date; placed_before: Date; limit: number }

type OrderItems = { id: string; items?: ({ variant_id?: string | null; quantity: number } | null)[] | null }

/**
 * Orders placed in the window whose licensed units outnumber their keys: what
 * a crash between order.placed and issuance (or a lost event) leaves behind.
 */
export const findOrdersMissingLicensesStep = createStep(
  "find-orders-missing-licenses",
  async (input: FindOrdersMissingLicensesInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "items.*"],
      filters: {
        created_at: { $gte: input.placed_after, $lte: input.placed_before },
        status: { $ne: "canceled" },
      },
      pagination: { take: input.limit, order: { created_at: "DESC" } },
    })
    const orders = data as unknown as OrderItems[]
    const variantIds = [...new Set(orders.flatMap((o) => (o.items ?? []).map((i) => i?.variant_id)).filter(Boolean))]
    if (!variantIds.length) {
      return new StepResponse([] as string[])
    }
    const policies = await licenseModule.listLicensePolicies(
      { variant_id: variantIds as string[], licensed: true },
      { take: null, select: ["variant_id"] }
    )
    const licensed = new Set(policies.map((p) => p.variant_id))
    const expected = new Map<string, number>()
    for (const order of orders) {
      const units = (order.items ?? [])
        .filter((i) => i?.variant_id && licensed.has(i.variant_id))
        .reduce((sum, i) => sum + Number(i!.quantity), 0)
      if (units > 0) {
        expected.set(order.id, units)
      }
    }
    if (!expected.size) {
      return new StepResponse([] as string[])
    }
    const issued = await licenseModule.listLicenses(
      { order_id: [...expected.keys()], line_item_id: { $ne: null } },
      { take: null, select: ["id", "order_id"] }
    )
    const issuedPerOrder = new Map<string, number>()
    for (const license of issued) {
      issuedPerOrder.set(license.order_id!, (issuedPerOrder.get(license.order_id!) ?? 0) + 1)
    }
    const missing = [...expected].filter(([orderId, units]) => (issuedPerOrder.get(orderId) ?? 0) < units)
    return new StepResponse(missing.map(([orderId]) => orderId))
  }
)
