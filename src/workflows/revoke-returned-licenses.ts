import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { type ReturnedUnits, RevokeReason } from "../modules/license/service"
import { LicenseEvents, SYSTEM_ACTOR } from "../modules/license/types"
import { revokeReturnedUnitsStep } from "./steps/revoke-returned-units"

export type RevokeReturnedLicensesInput = { order_id: string; return_id?: string }

export const revokeReturnedLicensesWorkflowId = "revoke-returned-licenses"

type Quantity = number | string | { toString(): string } | null | undefined
type OrderItemForReturn = {
  id: string
  detail?: { return_received_quantity?: Quantity; return_dismissed_quantity?: Quantity } | null
}

const toNumber = (value: Quantity) => (value === null || value === undefined ? 0 : Number(value.toString()))

/**
 * A received return revokes the keys of the returned units only, reason
 * `return`. It works from each line item's total received quantity (damaged
 * items included), so the same event twice, or a second return of the same
 * item, revokes each returned unit exactly once.
 */
export const revokeReturnedLicensesWorkflow = createWorkflow(
  revokeReturnedLicensesWorkflowId,
  (input: RevokeReturnedLicensesInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "items.id", "items.detail.return_received_quantity", "items.detail.return_dismissed_quantity"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const revokeInput = transform({ orders, input }, ({ orders, input }) => {
      const items = ((orders[0] as unknown as { items?: (OrderItemForReturn | null)[] }).items ?? []).filter(
        (item): item is OrderItemForReturn => !!item
      )
      const units: ReturnedUnits[] = items
        .map((item) => ({
          line_item_id: item.id,
          returned_quantity:
            toNumber(item.detail?.return_received_quantity) + toNumber(item.detail?.return_dismissed_quantity),
        }))
        .filter((unit) => unit.returned_quantity > 0)
      return { order_id: input.order_id, units, actor: SYSTEM_ACTOR, data: { return_id: input.return_id ?? null } }
    })
    const revoked = revokeReturnedUnitsStep(revokeInput)
    const events = transform({ revoked }, ({ revoked }) =>
      revoked.map((l) => ({ id: l.id, order_id: l.order_id, reason: RevokeReason.RETURN }))
    )
    emitEventStep({ eventName: LicenseEvents.REVOKED, data: events })
    return new WorkflowResponse(revoked)
  }
)
