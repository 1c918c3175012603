export type UsageRow = { product_id: string; day: string /* YYYY-MM-DD, UTC */; code: string; count: number }

const DAY_MS = 86_400_000

/**
 * Counts verify answers per product, UTC day and answer code in memory and
 * writes the sums in one call every few seconds, so that counting costs no
 * write per request. A failed write puts its counts back to be written with
 * the next flush; only a crash loses the counts of the last few seconds.
 */
export class UsageCounter {
  private pending = new Map<string, UsageRow>()
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<void> = Promise.resolve()
  private cachedDayNumber = Number.NaN
  private cachedDay = ""

  constructor(
    private readonly write: (rows: UsageRow[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 5000,
    private readonly maxKeys = 5000
  ) {}

  add(productId: string, code: string, at: Date = new Date()): void {
    const isNewKey = this.increment(this.utcDay(at), productId, code, 1)
    if (isNewKey && this.pending.size >= this.maxKeys) {
      void this.flush()
    } else {
      this.scheduleFlush()
    }
  }

  get pendingKeys(): number {
    return this.pending.size
  }

  /** Writes everything counted so far; resolves when it is written (or failed, was put back and reported). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const batch = [...this.pending.values()]
    this.pending = new Map()
    const previous = this.inFlight
    this.inFlight = (async () => {
      await previous
      if (batch.length) {
        await this.write(batch).catch((error: unknown) => this.putBack(batch, error))
      }
    })()
    await this.inFlight
  }

  private putBack(batch: UsageRow[], error: unknown) {
    for (const row of batch) {
      this.increment(row.day, row.product_id, row.code, row.count)
    }
    // Retried by the timer, not at once: a database that is down gets one attempt per interval.
    this.scheduleFlush()
    try {
      this.onError(error)
    } catch {
      // A throwing logger must not break the flush chain.
    }
  }

  /** True when the key was not pending yet. */
  private increment(day: string, productId: string, code: string, count: number): boolean {
    const key = `${day}\n${productId}\n${code}`
    const row = this.pending.get(key)
    if (row) {
      row.count += count
      return false
    }
    this.pending.set(key, { product_id: productId, day, code, count })
    return true
  }

  private scheduleFlush() {
    if (this.timer || this.pending.size === 0) {
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, this.intervalMs)
    this.timer.unref()
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
