import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AppliedUpgrade } from "../modules/license/actions"
import { LicenseEvents } from "../modules/license/types"
import { applyLicenseUpgradesStep } from "./steps/apply-license-upgrades"
import { type OrderForUpgrade, upgradeBusEvents, upgradeLinesOf } from "./utils/upgrade-lines"

export type UpgradeOrderLicensesInput = { order_id: string }

/**
 * The upgrade lines of a placed order move their keys to the new variant (docs/renewals-and-upgrades.md "Upgrades"):
 * the same key and activations, the new cap, policy rules and titles, the same expiry; no key is issued for them
 * (issue-order-licenses skips them). Safe to run any number of times: each line upgrades once. Emits
 * license.upgraded per upgrade made.
 */
export const upgradeOrderLicensesWorkflow = createWorkflow(
  "upgrade-order-licenses",
  (input: UpgradeOrderLicensesInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "status", "is_draft_order", "created_at", "items.*"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const lines = transform({ orders }, ({ orders }) => upgradeLinesOf(orders[0] as unknown as OrderForUpgrade))
    const applied = when({ lines }, ({ lines }) => lines.length > 0).then(() => {
      const applied = applyLicenseUpgradesStep(lines)
      emitEventStep({
        eventName: LicenseEvents.UPGRADED,
        data: transform({ applied }, ({ applied }) => upgradeBusEvents(applied)),
      }).config({ name: "emit-license-upgraded" })
      return applied
    })
    return new WorkflowResponse(transform({ applied }, ({ applied }) => (applied ?? []) as AppliedUpgrade[]))
  }
)
