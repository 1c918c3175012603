import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { IssueLicenseInput } from "../../modules/license/service"
import type LicenseModuleService from "../../modules/license/service"
import { discordIdOfCustomer } from "../../modules/license/rules/discord-id"
import { isLicenseActionLine } from "../../modules/license/rules/renewal-codes"

export type OrderForIssuance = {
  id: string
  status?: string | null
  is_draft_order?: boolean | null
  display_id?: number | null
  email?: string | null
  customer_id?: string | null
  customer?: { metadata?: Record<string, unknown> | null } | null
  items?: Array<{
    id: string
    quantity: number | string | { toString(): string }
    variant_id?: string | null
    product_id?: string | null
    product_title?: string | null
    variant_title?: string | null
    title?: string | null
    metadata?: Record<string, unknown> | null
  } | null> | null
}

/**
 * Only orders that were really placed are keyed: a draft order (an unpaid
 * quote; order.placed is emitted only when it is converted) never, and a
 * canceled one not even when issuance runs late (reconciliation).
 */
export function isPlacedOrder(order: Pick<OrderForIssuance, "status" | "is_draft_order">): boolean {
  return !order.is_draft_order && order.status !== "draft" && order.status !== "canceled"
}

/**
 * Turns an order into the units that need a key: one per unit of every line
 * item whose variant has a licensed policy. The snapshot of product and variant
 * names is taken here, from the order as it was placed.
 */
export const resolveLicensedUnitsStep = createStep(
  "resolve-licensed-units",
  async (order: OrderForIssuance, { container }) => {
    // A renewal line extends an existing key (renew-order-licenses), it does not buy one.
    const items = (order.items ?? []).filter((item): item is NonNullable<typeof item> => !!item?.variant_id && !isLicenseActionLine(item))
    if (!items.length || !isPlacedOrder(order)) {
      return new StepResponse([] as IssueLicenseInput[])
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const policies = await licenseModule.listLicensePolicies(
      { variant_id: [...new Set(items.map((i) => i.variant_id!))], licensed: true },
      { take: null }
    )
    const policyByVariant = new Map(policies.map((p) => [p.variant_id, p]))

    const units: IssueLicenseInput[] = []
    for (const item of items) {
      const policy = policyByVariant.get(item.variant_id!)
      if (!policy) {
        continue
      }
      const quantity = Number(item.quantity.toString())
      for (let unitIndex = 0; unitIndex < quantity; unitIndex++) {
        units.push({
          customer_id: order.customer_id ?? null,
          customer_email: order.email ?? null,
          customer_discord_id: discordIdOfCustomer(order.customer?.metadata),
          order_id: order.id,
          order_display_id: order.display_id ?? null,
          line_item_id: item.id,
          unit_index: unitIndex,
          product_id: item.product_id ?? policy.product_id,
          variant_id: item.variant_id!,
          product_title: item.product_title ?? item.title ?? null,
          variant_title: item.variant_title ?? null,
          max_activations: policy.max_activations,
          term_days: policy.term_days,
          expiry_strategy: policy.expiry_strategy,
          grace_days: policy.grace_days,
          expiry_basis: policy.expiry_basis,
          local_sites_free: policy.local_sites_free,
          entitlements: policy.entitlements ?? [],
          heartbeat_interval_seconds: policy.heartbeat_interval_seconds,
          trial: policy.trial,
        })
      }
    }
    return new StepResponse(units)
  }
)
