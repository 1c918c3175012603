/**
 * Counts failed look-ups (not_found, malformed) per client bucket in fixed
 * windows. `check` answers the seconds to wait when the bucket is over the
 * limit, else null.
 */
export interface FailureRateLimiter {
  check(bucket: string): Promise<number | null>
  recordFailure(bucket: string): Promise<void>
  close(): Promise<void>
}

export type RateLimitSettings = { max: number; windowSeconds: number }

/** Used when the limit is 0: never limits. */
export class DisabledRateLimiter implements FailureRateLimiter {
  async check(): Promise<null> {
    return null
  }
  async recordFailure(): Promise<void> {}
  async close(): Promise<void> {}
}
