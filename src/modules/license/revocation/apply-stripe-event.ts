import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LicenseSelector, LicenseStatusChange, LicenseStatusChangeInput } from "../rules/status-change"
import { licensesRenewedOrUpgradedBy } from "../sql/order-license-actions"
import { claimStripeEvent, noteDisputeClosed, noteDisputeOpened } from "../sql/stripe"

/** What a verified Stripe event does to the keys of the order it pays for. */
export type StripeEventChange =
  /** charge.refunded; `revoke` is the `revokeOn` decision (a partial refund may not revoke). */
  | { type: "revoke"; revoke: boolean }
  /** charge.dispute.created */
  | { type: "suspend"; dispute_id: string; payment_intent_id: string }
  /** charge.dispute.closed; `won` reinstates what this dispute suspended. */
  | { type: "dispute_closed"; dispute_id: string; payment_intent_id: string; status: string; suspended_with: Record<string, string> }

export type ApplyStripeEventInput = {
  event: { id: string; type: string }
  order_id: string
  change: StripeEventChange
  /** The license event written for each key changed (actor, reason, data). */
  status_change: LicenseStatusChangeInput
}

export type ApplyStripeEventResult = {
  /** The event id was processed before: nothing changed. */
  duplicate: boolean
  changed: LicenseStatusChange[]
  /** Why a dispute opened suspended nothing, or null. */
  skipped: string | null
}

/** The status changes of the License Module, run in the caller's transaction. */
export type StatusChanges = {
  revoke(selector: LicenseSelector, change: LicenseStatusChangeInput): Promise<LicenseStatusChange[]>
  suspend(selector: LicenseSelector, change: LicenseStatusChangeInput): Promise<LicenseStatusChange[]>
  reinstate(
    selector: LicenseSelector,
    suspendedWith: Record<string, string>,
    change: LicenseStatusChangeInput
  ): Promise<LicenseStatusChange[]>
}

/** The dispute status after which a late `charge.dispute.created` suspends nothing. */
export const DISPUTE_WON = "won"

/**
 * Applies one Stripe event exactly once, in ONE transaction: the event id is
 * recorded first (a repeat stops here and changes nothing), then the dispute's
 * outcome, then the license status change. A failure anywhere rolls everything
 * back, the id included, so Stripe's retry does the work.
 *
 * Disputes, whatever order their events arrive in:
 * - created suspends the order's active keys the first time the dispute is
 *   heard of; a second created of the same dispute (another event id) does not
 *   suspend again;
 * - created after the dispute already closed as `won` suspends nothing (in
 *   order, `won` would have reinstated the keys); after `lost` or
 *   `warning_closed` it suspends, the state those leave the keys in when the
 *   events come in order (the admin decides);
 * - closed records the outcome; `won` reinstates only the keys this dispute
 *   suspended.
 */
export async function applyStripeEvent(
  knex: Knex.Transaction,
  input: ApplyStripeEventInput,
  changes: StatusChanges
): Promise<ApplyStripeEventResult> {
  const claimed = await claimStripeEvent(knex, { ...input.event, order_id: input.order_id })
  if (!claimed) {
    return { duplicate: true, changed: [], skipped: null }
  }
  const selector = { order_id: input.order_id }
  const change = input.change
  switch (change.type) {
    case "revoke":
      return {
        duplicate: false,
        changed: change.revoke ? await changes.revoke(selector, input.status_change) : [],
        skipped: null,
      }
    case "suspend": {
      const status = await noteDisputeOpened(knex, { ...change, order_id: input.order_id })
      if (status === null) {
        return { duplicate: false, changed: [], skipped: "dispute already opened" }
      }
      if (status === DISPUTE_WON) {
        return { duplicate: false, changed: [], skipped: "dispute already closed as won" }
      }
      const changed: LicenseStatusChange[] = []
      for (const disputed of await disputedSelectors(knex, input.order_id)) {
        changed.push(...(await changes.suspend(disputed, input.status_change)))
      }
      return { duplicate: false, changed, skipped: null }
    }
    case "dispute_closed": {
      await noteDisputeClosed(knex, { ...change, order_id: input.order_id })
      const changed: LicenseStatusChange[] = []
      if (change.status === DISPUTE_WON) {
        for (const disputed of await disputedSelectors(knex, input.order_id)) {
          changed.push(...(await changes.reinstate(disputed, change.suspended_with, input.status_change)))
        }
      }
      return { duplicate: false, changed, skipped: null }
    }
  }
}

/**
 * What a dispute of an order suspends (and, won, reinstates): the keys the order bought, and the keys it renewed or
 * upgraded, those still in force (the money disputed paid for the extension or the upgrade). A key both bought and
 * renewed by the order is changed once: the second selection finds it already changed.
 */
async function disputedSelectors(knex: Knex.Transaction, orderId: string): Promise<LicenseSelector[]> {
  const actedOn = await licensesRenewedOrUpgradedBy(knex, orderId)
  return actedOn.length ? [{ order_id: orderId }, { license_ids: actedOn }] : [{ order_id: orderId }]
}
