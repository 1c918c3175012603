import type { FailureRateLimiter, RateLimitSettings } from "./rate-limiter"

type Window = { count: number; resetAt: number }

/**
 * The rate limiter of a single process (no Redis configured). Memory is
 * bounded: a new window in a full table evicts the oldest one, in O(1).
 */
export class MemoryRateLimiter implements FailureRateLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly maxBuckets = 100_000,
    private readonly now: () => number = Date.now
  ) {}

  async check(bucket: string): Promise<number | null> {
    return this.checkSync(bucket)
  }

  checkSync(bucket: string): number | null {
    const window = this.windows.get(bucket)
    const now = this.now()
    if (!window || window.resetAt <= now || window.count < this.settings.max) {
      return null
    }
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000))
  }

  async recordFailure(bucket: string): Promise<number | null> {
    return this.recordFailureSync(bucket)
  }

  seenBlocked(bucket: string): boolean {
    return this.checkSync(bucket) !== null
  }

  recordFailureSync(bucket: string): number | null {
    const now = this.now()
    let window = this.windows.get(bucket)
    if (window && window.resetAt > now) {
      window.count++
    } else {
      this.windows.delete(bucket)
      if (this.windows.size >= this.maxBuckets) {
        this.evict()
      }
      window = { count: 1, resetAt: now + this.settings.windowSeconds * 1000 }
      this.windows.set(bucket, window)
    }
    return window.count > this.settings.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : null
  }

  async close(): Promise<void> {
    this.windows.clear()
  }

  /**
   * O(1): drops the single oldest window. A window is (re)inserted only when it
   * starts, and every window lasts the same `windowSeconds`, so the Map's
   * insertion order is the order of `resetAt`: the first entry is the one that
   * expires first (an expired one when any is), and nothing else needs looking at.
   */
  private evict() {
    const oldest = this.windows.keys().next()
    if (!oldest.done) {
      this.windows.delete(oldest.value)
    }
  }
}
