import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { RevokeReason } from "../modules/license/service"
import { LicenseEvents } from "../modules/license/types"
import { rollBackLicenseRenewalsStep } from "./steps/roll-back-license-renewals"
import { renewalRolledBackEvents } from "./utils/renewal-rolled-back-event"
import { rollBackOrderUpgrades } from "./utils/roll-back-upgrades"

type Quantity = number | string | { toString(): string } | null | undefined
type ReturnedItem = { id: string; detail?: { return_received_quantity?: Quantity; return_dismissed_quantity?: Quantity } | null }

const returned = (item: ReturnedItem) =>
  Number(item.detail?.return_received_quantity?.toString() ?? 0) + Number(item.detail?.return_dismissed_quantity?.toString() ?? 0)

/**
 * A received return of a renewal or upgrade line takes back that line's extension or upgrade (once, however often the
 * event comes; utils/roll-back-upgrades.ts).
 */
export const rollBackReturnedRenewalsWorkflow = createWorkflow(
  "roll-back-returned-renewals",
  (input: { order_id: string }) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "items.id", "items.detail.return_received_quantity", "items.detail.return_dismissed_quantity"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const stepInput = transform({ orders, input }, ({ orders, input }) => ({
      order_id: input.order_id,
      reason: RevokeReason.RETURN,
      line_item_ids: ((orders[0] as unknown as { items?: (ReturnedItem | null)[] }).items ?? [])
        .filter((item): item is ReturnedItem => !!item && returned(item) > 0)
        .map((item) => item.id),
    }))
    const rolledBack = rollBackLicenseRenewalsStep(stepInput)
    emitEventStep({
      eventName: LicenseEvents.RENEWAL_ROLLED_BACK,
      data: transform({ rolledBack }, ({ rolledBack }) => renewalRolledBackEvents(rolledBack)),
    })
    rollBackOrderUpgrades(stepInput)
    return new WorkflowResponse(rolledBack)
  }
)
