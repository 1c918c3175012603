import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type Page, pageLicenseActivations, pageLicenseEvents } from "../sql/history"
import { pruneLicenseHistory, type PruneResult } from "../sql/history-prune"

/** A license's paged activations and history for the admin, and the pruning job (docs/admin.md). */

/** One page of a license's activations and one of its events, read side by side. */
export async function pageLicenseHistory(knex: Knex, licenseId: string, pages: { activations: Page; events: Page }) {
  const [activations, events] = await Promise.all([
    pageLicenseActivations(knex, licenseId, pages.activations),
    pageLicenseEvents(knex, licenseId, pages.events),
  ])
  return { activations, events }
}

export type PruneRun = { now?: Date; batchSize?: number; timeBudgetMs?: number }

/** Deletes released activations and churn events older than `retentionDays`, in batches within a time budget. */
export async function pruneHistory(knex: Knex, retentionDays: number, run: PruneRun): Promise<PruneResult> {
  return await pruneLicenseHistory(knex, {
    now: run.now ?? new Date(),
    retentionDays,
    batchSize: run.batchSize ?? 1000,
    timeBudgetMs: run.timeBudgetMs ?? 50_000,
  })
}
