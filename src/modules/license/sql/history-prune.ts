import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * History retention (docs/admin.md "History retention"): the pruning job
 * deletes what deactivation churn leaves behind once it is older than the
 * retention window: released activation rows and the churn events
 * (`activated`, `deactivated`, `activation_refused`). Events that record money
 * or an admin's decision (issued, revoked, suspended, reinstated, updated,
 * transferred, reset) are never deleted, nor are held activations.
 *
 * Each DELETE is its own statement of at most `batchSize` rows (short row
 * locks, bounded WAL per statement), repeated until nothing old is left or the
 * time budget is spent; the next run goes on from there.
 */

/** The event types the job deletes. */
export const PRUNED_EVENT_TYPES = ["activated", "deactivated", "activation_refused"] as const

export type PruneOptions = {
  /** The clock (tests inject one); the cut-off is `now` minus the retention. */
  now: Date
  retentionDays: number
  batchSize: number
  /** Stop starting new batches after this long (ms). */
  timeBudgetMs: number
}

export type PruneResult = {
  cutoff: string | null
  activations_deleted: number
  events_deleted: number
  batches: number
  /** False when the time budget ran out before everything old was deleted. */
  complete: boolean
}

export async function pruneLicenseHistory(knex: Knex, options: PruneOptions): Promise<PruneResult> {
  if (options.retentionDays <= 0) {
    return { cutoff: null, activations_deleted: 0, events_deleted: 0, batches: 0, complete: true }
  }
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 86_400_000)
  const started = Date.now()
  const result: PruneResult = { cutoff: cutoff.toISOString(), activations_deleted: 0, events_deleted: 0, batches: 0, complete: true }
  const statements: { field: "activations_deleted" | "events_deleted"; sql: string; params: Date[] }[] = [
    {
      field: "activations_deleted",
      sql: `DELETE FROM license_activation WHERE id IN (
              SELECT id FROM license_activation
               WHERE released_at IS NOT NULL AND released_at < ?
               LIMIT ?)`,
      params: [cutoff],
    },
    {
      field: "events_deleted",
      sql: `DELETE FROM license_event WHERE id IN (
              SELECT id FROM license_event
               WHERE type IN ('activated', 'deactivated', 'activation_refused') AND created_at < ?
               LIMIT ?)`,
      params: [cutoff],
    },
  ]
  for (const { field, sql, params } of statements) {
    for (;;) {
      if (Date.now() - started > options.timeBudgetMs) {
        result.complete = false
        return result
      }
      const { rowCount } = await knex.raw(sql, [...params, options.batchSize])
      result.batches++
      result[field] += rowCount ?? 0
      if ((rowCount ?? 0) < options.batchSize) {
        break
      }
    }
  }
  return result
}
