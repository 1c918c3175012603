import type { FailureRateLimiter, RateLimitSettings } from "./rate-limiter"

type Window = { count: number; resetAt: number }

/**
 * The rate limiter of a single process (no Redis configured). Memory is
 * bounded: past `maxBuckets` expired windows are swept, then the oldest go.
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
        this.evict(now)
      }
      window = { count: 1, resetAt: now + this.settings.windowSeconds * 1000 }
      this.windows.set(bucket, window)
    }
    return window.count > this.settings.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : null
  }

  async close(): Promise<void> {
    this.windows.clear()
  }

  private evict(now: number) {
    for (const [bucket, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(bucket)
      }
    }
    // Still full: drop the oldest windows (a Map iterates in insertion order).
    for (const bucket of this.windows.keys()) {
      if (this.windows.size < this.maxBuckets) {
        break
      }
      this.windows.delete(bucket)
    }
  }
}
