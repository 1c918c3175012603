import type { UsageRow } from "../rules/verify-rows"
import { WriteBehindBuffer } from "./write-behind-buffer"


const DAY_MS = 86_400_000

/**
 * Counts verify answers per product, UTC day and answer code in memory and
 * writes the sums in one call every few seconds, so that counting costs no
 * write per request. A failed write puts its counts back to be written with
 * the next flush; only a crash loses the counts of the last few seconds.
 */
export class UsageCounter extends WriteBehindBuffer<UsageRow> {
  private cachedDayNumber = Number.NaN
  private cachedDay = ""

  constructor(
    write: (rows: UsageRow[]) => Promise<void>,
    onError: (error: unknown) => void,
    intervalMs = 5000,
    maxKeys = 5000
  ) {
    super(write, onError, intervalMs, maxKeys, true)
  }

  add(productId: string, code: string, at: Date = new Date()): void {
    const day = this.utcDay(at)
    this.put(`${day}\n${productId}\n${code}`, { product_id: productId, day, code, count: 1 })
  }

  get pendingKeys(): number {
    return this.size
  }

  protected merge(pending: UsageRow, next: UsageRow): UsageRow {
    pending.count += next.count
    return pending
  }

  /** An invalid date counts as now: counting must never throw on the verify path. */
  private utcDay(at: Date): string {
    if (!Number.isFinite(at.getTime())) {
      at = new Date()
    }
    const dayNumber = Math.floor(at.getTime() / DAY_MS)
    if (dayNumber !== this.cachedDayNumber) {
      this.cachedDayNumber = dayNumber
      this.cachedDay = at.toISOString().slice(0, 10)
    }
    return this.cachedDay
  }
}
