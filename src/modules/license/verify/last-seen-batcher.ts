export type LastSeenEntry = { activationId: string; seenAt: Date; ip: string | null }

/**
 * Collects "this activation was seen again" notes and writes them in one
 * UPDATE every few seconds, so that a known identity's verify stays a single
 * SELECT. Losing a batch (crash) only leaves last_seen_at a little older. The
 * UPDATE itself skips rows seen within the last minute, so across instances
 * an activation row is written at most once a minute.
 */
export class LastSeenBatcher {
  private pending = new Map<string, LastSeenEntry>()
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<void> = Promise.resolve()

  constructor(
    private readonly write: (entries: LastSeenEntry[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 5000,
    private readonly maxPending = 1000
  ) {}

  add(entry: LastSeenEntry) {
    this.pending.set(entry.activationId, entry)
    if (this.pending.size >= this.maxPending) {
      void this.flush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.flush()
      }, this.intervalMs)
      this.timer.unref()
    }
  }

  get size() {
    return this.pending.size
  }

  /** Writes everything noted so far; resolves when it is written (or failed and was logged). */
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
        await this.write(batch).catch(this.onError)
      }
    })()
    await this.inFlight
  }
}
