import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

/**
 * Records a Stripe event id as processed. Answers false when it already was:
 * the unique index decides, and a concurrent delivery of the same id waits on
 * the first one's uncommitted row, then finds it (or, if that transaction
 * rolled back, records it itself). Call it inside the transaction that applies
 * the event, so the id is never recorded without its effect.
 */
export async function claimStripeEvent(
  knex: Knex.Transaction,
  event: { id: string; type: string; order_id: string | null }
): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: { id: string }[] }>(
    `INSERT INTO license_stripe_event (id, stripe_event_id, type, order_id, processed_at)
     VALUES (?, ?, ?, ?, now())
     ON CONFLICT (stripe_event_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [entityId("lsevt"), event.id, event.type, event.order_id]
  )
  return rows.length > 0
}

export type DisputeRef = { dispute_id: string; payment_intent_id: string; order_id: string | null }

/**
 * Notes that a dispute's `charge.dispute.created` is being applied. Answers
 * null when it was applied before (a dispute suspends at most once), else the
 * dispute's status: `open`, or the status it already closed with when the
 * closing event came first. Locks the dispute's row until the transaction ends.
 */
export async function noteDisputeOpened(knex: Knex.Transaction, dispute: DisputeRef): Promise<string | null> {
  const { rows } = await knex.raw<{ rows: { status: string }[] }>(
    `INSERT INTO license_stripe_dispute (id, dispute_id, payment_intent_id, order_id, status, opened_at)
     VALUES (?, ?, ?, ?, 'open', now())
     ON CONFLICT (dispute_id) WHERE deleted_at IS NULL
     DO UPDATE SET opened_at = now(), updated_at = now()
          WHERE license_stripe_dispute.opened_at IS NULL
     RETURNING status`,
    [entityId("lsdsp"), dispute.dispute_id, dispute.payment_intent_id, dispute.order_id]
  )
  return rows[0]?.status ?? null
}

/** Records the status a dispute closed with (the latest closing event wins). Locks the dispute's row. */
export async function noteDisputeClosed(knex: Knex.Transaction, dispute: DisputeRef & { status: string }): Promise<void> {
  await knex.raw(
    `INSERT INTO license_stripe_dispute (id, dispute_id, payment_intent_id, order_id, status, closed_at)
     VALUES (?, ?, ?, ?, ?, now())
     ON CONFLICT (dispute_id) WHERE deleted_at IS NULL
     DO UPDATE SET status = EXCLUDED.status, closed_at = now(), updated_at = now()`,
    [entityId("lsdsp"), dispute.dispute_id, dispute.payment_intent_id, dispute.order_id, dispute.status]
  )
}
