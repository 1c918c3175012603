import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { RefundAmounts } from "../modules/license/options"
import { type LicenseStatusChange, RevokeReason } from "../modules/license/service"
import type { ApplyStripeEventInput, ApplyStripeEventResult } from "../modules/license/revocation/apply-stripe-event"
import { LicenseEvents, SYSTEM_ACTOR } from "../modules/license/types"
import { applyStripeLicenseEventStep } from "./steps/apply-stripe-license-event"
import { decideRefundRevocationStep } from "./steps/decide-refund-revocation"
import { findOrderByPaymentStep } from "./steps/find-order-by-payment"
import { rollBackLicenseRenewalsStep } from "./steps/roll-back-license-renewals"
import { renewalRolledBackEvents } from "./utils/renewal-rolled-back-event"
import { rollBackOrderUpgrades } from "./utils/roll-back-upgrades"

/** The reason recorded on keys a dispute suspends; reinstatement matches on it. */
export const DISPUTE_REASON = "dispute"
export const DISPUTE_WON_REASON = "dispute_won"

/** A verified Stripe event the webhook acts on (see api/hooks/licenses/stripe/license-action.ts). */
export type ApplyStripeLicenseEventInput = {
  event_id: string
  event_type: string
  payment_intent_id: string
  /** Recorded in each license event. */
  data: Record<string, unknown>
} & (
  | { type: "refund"; amounts: RefundAmounts }
  | { type: "suspend"; dispute_id: string }
  | { type: "dispute_closed"; dispute_id: string; status: string }
)

export type ApplyStripeLicenseEventResult = {
  /** null: the payment intent belongs to no order of this store. */
  order_id: string | null
  duplicate: boolean
  /** For a refund: whether `revokeOn` lets it revoke. */
  revoke: boolean
  changed: LicenseStatusChange[]
  skipped: string | null
}

export const applyStripeLicenseEventWorkflowId = "apply-stripe-license-event"

/**
 * A Stripe dashboard refund or dispute, applied to the keys of the order it
 * pays for, once per Stripe event id (docs/revocation.md): refund -> revoke
 * (per `revokeOn`), dispute created -> suspend, dispute won -> reinstate what it
 * suspended. Publishes license.revoked / suspended / reinstated for the keys
 * changed. Unknown payment intents change and record nothing.
 */
export const applyStripeLicenseEventWorkflow = createWorkflow(
  applyStripeLicenseEventWorkflowId,
  (input: ApplyStripeLicenseEventInput) => {
    const found = findOrderByPaymentStep({ payment_intent_id: input.payment_intent_id })
    const decision = when({ found, input }, ({ found, input }) => !!found.order_id && input.type === "refund").then(() => {
      const decisionInput = transform({ found, input }, ({ found, input }) => ({
        order_id: found.order_id,
        amounts: input.type === "refund" ? input.amounts : null,
      }))
      return decideRefundRevocationStep(decisionInput)
    })

    const applied = when({ found }, ({ found }) => !!found.order_id).then(() => {
      const applyInput = transform({ found, input, decision }, ({ found, input, decision }): ApplyStripeEventInput => {
        const event = { id: input.event_id, type: input.event_type }
        const order_id = found.order_id!
        switch (input.type) {
          case "refund":
            return {
              event,
              order_id,
              change: { type: "revoke", revoke: !!decision?.revoke },
              status_change: {
                actor: SYSTEM_ACTOR,
                reason: RevokeReason.REFUND,
                data: { ...input.data, refunded: decision?.refunded, paid: decision?.paid },
              },
            }
          case "suspend":
            return {
              event,
              order_id,
              change: { type: "suspend", dispute_id: input.dispute_id, payment_intent_id: input.payment_intent_id },
              status_change: { actor: SYSTEM_ACTOR, reason: DISPUTE_REASON, data: input.data },
            }
          case "dispute_closed":
            return {
              event,
              order_id,
              change: {
                type: "dispute_closed",
                dispute_id: input.dispute_id,
                payment_intent_id: input.payment_intent_id,
                status: input.status,
                suspended_with: { reason: DISPUTE_REASON, dispute_id: input.dispute_id },
              },
              status_change: { actor: SYSTEM_ACTOR, reason: DISPUTE_WON_REASON, data: input.data },
            }
        }
      })
      const applied = applyStripeLicenseEventStep(applyInput)
      const published = transform({ applied, applyInput }, ({ applied, applyInput }) => ({
        eventName:
          applyInput.change.type === "revoke"
            ? LicenseEvents.REVOKED
            : applyInput.change.type === "suspend"
              ? LicenseEvents.SUSPENDED
              : LicenseEvents.REINSTATED,
        data: applied.changed.map((l) => ({ id: l.id, order_id: l.order_id, reason: applyInput.status_change.reason })),
      }))
      emitEventStep(published)
      return applied
    })

    // A refund of a renewal or upgrade order takes back the extensions and upgrades it bought
    // (docs/renewals-and-upgrades.md), by the same rule.
    when({ found, input, decision, applied }, ({ found, input, decision, applied }) =>
      !!found.order_id && input.type === "refund" && !!decision?.revoke && !applied?.duplicate
    ).then(() => {
      const rolledBack = rollBackLicenseRenewalsStep(
        transform({ found }, ({ found }) => ({ order_id: found.order_id, reason: RevokeReason.REFUND }))
      )
      emitEventStep({
        eventName: LicenseEvents.RENEWAL_ROLLED_BACK,
        data: transform({ rolledBack }, ({ rolledBack }) => renewalRolledBackEvents(rolledBack)),
      }).config({ name: "emit-renewal-rolled-back" })
      rollBackOrderUpgrades(transform({ found }, ({ found }) => ({ order_id: found.order_id, reason: RevokeReason.REFUND })))
    })

    const result = transform({ found, decision, applied }, ({ found, decision, applied }) => ({
      order_id: found.order_id,
      duplicate: applied?.duplicate ?? false,
      revoke: decision?.revoke ?? false,
      changed: applied?.changed ?? [],
      skipped: applied?.skipped ?? null,
    }))
    return new WorkflowResponse<ApplyStripeLicenseEventResult>(result as ApplyStripeLicenseEventResult)
  }
)
