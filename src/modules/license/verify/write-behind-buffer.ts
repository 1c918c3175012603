/**
 * Notes kept in memory by key and written in one call every few seconds, or at
 * once when `maxPending` keys wait, so that the Verify hot path never writes
 * per request. Flushes run one after another; a note for a pending key is
 * folded into it (`merge`). A failed write is reported, and its notes are
 * either dropped or put back for the next flush (`keepFailed`).
 */
export abstract class WriteBehindBuffer<T> {
  private pending = new Map<string, T>()
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<void> = Promise.resolve()

  protected constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs: number,
    private readonly maxPending: number,
    private readonly keepFailed: boolean
  ) {}

  /** The pending note of `key` with `next` folded in. */
  protected abstract merge(pending: T, next: T): T

  protected put(key: string, note: T): void {
    const isNewKey = this.fold(key, note)
    // Only a new key can fill the buffer: while writes fail, updates of waiting keys do not flush.
    if (isNewKey && this.pending.size >= this.maxPending) {
      void this.flush()
    } else {
      this.scheduleFlush()
    }
  }

  get size(): number {
    return this.pending.size
  }

  /** Writes everything noted so far; resolves when it is written (or failed and was reported). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const batch = [...this.pending.entries()]
    this.pending = new Map()
    const previous = this.inFlight
    this.inFlight = (async () => {
      await previous
      if (batch.length) {
        await this.write(batch.map(([, note]) => note)).catch((error: unknown) => this.failed(batch, error))
      }
    })()
    await this.inFlight
  }

  private failed(batch: [string, T][], error: unknown) {
    if (this.keepFailed) {
      for (const [key, note] of batch) {
        this.fold(key, note)
      }
      // Retried by the timer, not at once: a database that is down gets one attempt per interval.
      this.scheduleFlush()
    }
    try {
      this.onError(error)
    } catch {
      // A throwing logger must not break the flush chain.
    }
  }

  /** True when the key was not pending yet. */
  private fold(key: string, note: T): boolean {
    const pending = this.pending.get(key)
    this.pending.set(key, pending === undefined ? note : this.merge(pending, note))
    return pending === undefined
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
}
