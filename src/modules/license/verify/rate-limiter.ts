/**
 * Counts failed look-ups (not_found, malformed) per client bucket in fixed
 * windows. `check` answers the seconds to wait when the bucket is over the
 * limit, else null: it spares the database the look-ups of a known attacker.
 * `recordFailure` counts one failure atomically and answers the seconds to wait
 * when that failure went over the limit, else null: concurrent requests that
 * all passed `check` still get at most `max` failure answers per window.
 * `seenBlocked` answers at once, from this process's memory, whether its last
 * word on the bucket was "blocked" and the wait has not ended: a hint to skip
 * the database look-up of a request that `check` will very likely refuse, never
 * an answer in itself.
 */
export interface FailureRateLimiter {
  check(bucket: string): Promise<number | null>
  recordFailure(bucket: string): Promise<number | null>
  seenBlocked(bucket: string): boolean
  close(): Promise<void>
}

export type RateLimitSettings = { max: number; windowSeconds: number }

/** Used when the limit is 0: never limits. */
export class DisabledRateLimiter implements FailureRateLimiter {
  async check(): Promise<null> {
    return null
  }
  async recordFailure(): Promise<null> {
    return null
  }
  seenBlocked(): boolean {
    return false
  }
  async close(): Promise<void> {}
}
