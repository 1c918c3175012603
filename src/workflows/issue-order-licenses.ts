import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseEvents, SYSTEM_ACTOR } from "../modules/license/types"
import { issueLicensesStep } from "./steps/issue-licenses"
import { notifyLicensesIssuedStep } from "./steps/notify-licenses-issued"
import { type OrderForIssuance, resolveLicensedUnitsStep } from "./steps/resolve-licensed-units"

export type IssueOrderLicensesInput = { order_id: string }

export const issueOrderLicensesWorkflowId = "issue-order-licenses"

/**
 * One key per unit of every licensed line item of an order. Safe to run any
 * number of times for the same order: only missing units get keys.
 */
export const issueOrderLicensesWorkflow = createWorkflow(
  issueOrderLicensesWorkflowId,
  (input: IssueOrderLicensesInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [
        "id",
        "status",
        "is_draft_order",
        "display_id",
        "email",
        "customer_id",
        // The customer's Discord id (metadata.discord_id), snapshot on the keys (docs/migrating-from-keyport.md)
        "customer.metadata",
        // items.quantity is computed from the item's detail: ask for items.*
        "items.*",
      ],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const order = transform({ orders }, ({ orders }) => orders[0] as unknown as OrderForIssuance)
    const units = resolveLicensedUnitsStep(order)

    const result = when({ units }, ({ units }) => units.length > 0).then(() => {
      const issued = issueLicensesStep({ units, actor: SYSTEM_ACTOR })
      const events = transform({ issued }, ({ issued }) => issued.created.map((l) => ({ id: l.id })))
      emitEventStep({ eventName: LicenseEvents.ISSUED, data: events })
      // Units returned before their keys existed come out revoked (see issueLicenses).
      const revokedEvents = transform({ issued }, ({ issued }) =>
        issued.created
          .filter((l) => l.status === "revoked")
          .map((l) => ({ id: l.id, order_id: l.order_id, reason: l.revoke_reason }))
      )
      emitEventStep({ eventName: LicenseEvents.REVOKED, data: revokedEvents }).config({ name: "emit-revoked-at-issuance" })
      // Trial keys this order converted into paid keys (docs/renewals-and-upgrades.md "Expiry, grace and trials").
      const convertedEvents = transform({ issued }, ({ issued }) =>
        (issued.converted ?? []).map((l) => ({ id: l.id, order_id: l.order_id, variant_id: l.variant_id }))
      )
      emitEventStep({ eventName: LicenseEvents.TRIAL_CONVERTED, data: convertedEvents }).config({ name: "emit-trial-converted" })
      const licenses = transform({ issued }, ({ issued }) =>
        [...issued.existing, ...issued.created, ...(issued.converted ?? [])].filter((l) => l.status === "active")
      )
      notifyLicensesIssuedStep({
        order_id: order.id,
        order_display_id: order.display_id,
        email: order.email,
        licenses,
      })
      return issued
    })

    const issued = transform({ result }, ({ result }) => result ?? { created: [], existing: [] })
    return new WorkflowResponse(issued)
  }
)
