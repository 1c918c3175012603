import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AppliedRenewal } from "../modules/license/actions"
import { LicenseEvents } from "../modules/license/types"
import { applyLicenseRenewalsStep } from "./steps/apply-license-renewals"
import { type OrderForRenewal, renewalLinesOf } from "./utils/renewal-lines"

export type RenewOrderLicensesInput = { order_id: string }

/**
 * The renewal lines of a placed order extend their keys (docs/renewals-and-upgrades.md): the same key, the same
 * activations, a later expiry; no key is issued for them (issue-order-licenses skips them). Safe to run any number of
 * times: each line extends once. Emits license.renewed per extension made.
 */
export const renewOrderLicensesWorkflow = createWorkflow(
  "renew-order-licenses",
  (input: RenewOrderLicensesInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ["id", "status", "is_draft_order", "created_at", "items.*"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const lines = transform({ orders }, ({ orders }) => renewalLinesOf(orders[0] as unknown as OrderForRenewal))
    const applied = when({ lines }, ({ lines }) => lines.length > 0).then(() => {
      const applied = applyLicenseRenewalsStep(lines)
      const events = transform({ applied }, ({ applied }) =>
        applied.map((r) => ({
          id: r.license_id,
          renewal_id: r.id,
          order_id: r.order_id,
          line_item_id: r.line_item_id,
          previous_expires_at: r.previous_expires_at,
          expires_at: r.new_expires_at,
        }))
      )
      emitEventStep({ eventName: LicenseEvents.RENEWED, data: events }).config({ name: "emit-license-renewed" })
      return applied
    })
    return new WorkflowResponse(transform({ applied }, ({ applied }) => (applied ?? []) as AppliedRenewal[]))
  }
)
