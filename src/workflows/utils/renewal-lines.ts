import type { RenewalLine } from "../../modules/license/actions"
import { licenseLineAction } from "../../modules/license/rules/renewal-codes"
import { isPlacedOrder, type OrderForIssuance } from "../steps/resolve-licensed-units"

export type OrderForRenewal = Omit<OrderForIssuance, "items"> & {
  created_at?: Date | string | null
  items?: Array<{ id: string; quantity: number | string | { toString(): string }; metadata?: Record<string, unknown> | null } | null> | null
}

/** The renewal lines of a placed order (none for a draft or a canceled order). */
export function renewalLinesOf(order: OrderForRenewal | null | undefined): RenewalLine[] {
  if (!order || !isPlacedOrder(order)) {
    return []
  }
  const placedAt = order.created_at ? new Date(order.created_at) : new Date()
  return (order.items ?? []).flatMap((item) => {
    const action = item ? licenseLineAction(item) : null
    return item && action?.action === "renew"
      ? [{ order_id: order.id, line_item_id: item.id, license_id: action.license_id, quantity: Number(item.quantity.toString()), placed_at: placedAt }]
      : []
  })
}
