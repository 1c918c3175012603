import type { UpgradeLine } from "../../modules/license/actions"
import { licenseLineAction } from "../../modules/license/rules/renewal-codes"
import { isPlacedOrder } from "../steps/resolve-licensed-units"
import type { OrderForRenewal } from "./renewal-lines"

export type OrderForUpgrade = Omit<OrderForRenewal, "items"> & {
  items?: Array<{ id: string; product_title?: string | null; variant_title?: string | null; metadata?: Record<string, unknown> | null } | null> | null
}

/** The upgrade lines of a placed order (none for a draft or a canceled order). */
export function upgradeLinesOf(order: OrderForUpgrade | null | undefined): UpgradeLine[] {
  if (!order || !isPlacedOrder(order)) {
    return []
  }
  return (order.items ?? []).flatMap((item) => {
    const action = item ? licenseLineAction(item) : null
    return item && action?.action === "upgrade"
      ? [{
          order_id: order.id,
          line_item_id: item.id,
          license_id: action.license_id,
          to_variant_id: action.to_variant_id,
          product_title: item.product_title ?? null,
          variant_title: item.variant_title ?? null,
        }]
      : []
  })
}

/** The data of license.upgraded / license.upgrade_rolled_back for each upgrade (never the key). */
export const upgradeBusEvents = (
  upgrades: { id: string; license_id: string; order_id: string; line_item_id: string; from_variant_id: string; to_variant_id: string; previous: { max_activations: number }; applied: { max_activations: number }; reason?: string }[]
) =>
  upgrades.map((u) => ({
    id: u.license_id,
    upgrade_id: u.id,
    order_id: u.order_id,
    line_item_id: u.line_item_id,
    from_variant_id: u.from_variant_id,
    to_variant_id: u.to_variant_id,
    previous_max_activations: u.previous.max_activations,
    max_activations: u.applied.max_activations,
    ...(u.reason ? { reason: u.reason } : {}),
  }))
