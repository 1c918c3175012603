import { Redis } from "ioredis"
import { MemoryRateLimiter } from "./memory-rate-limiter"
import type { FailureRateLimiter, RateLimitSettings } from "./rate-limiter"

const KEY_PREFIX = "license-keys:verify-failures:"

// INCR, and start the window on the first failure: one atomic round trip
// that answers the new count and the window's remaining milliseconds.
const RECORD_FAILURE = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`

type Logger = { warn(message: string): void }

/**
 * The rate limiter shared by every server instance through Redis. When Redis
 * fails, each instance falls back to counting in its own memory (a weaker
 * limit, but verification keeps answering) and says so in the log.
 */
export class RedisRateLimiter implements FailureRateLimiter {
  private readonly redis: Redis
  private readonly fallback: MemoryRateLimiter
  private lastWarning = 0

  constructor(
    url: string,
    private readonly settings: RateLimitSettings,
    private readonly logger: Logger
  ) {
    this.redis = new Redis(url, {
      // Never queue behind a dead connection: while Redis is away, use the fallback at once.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 500,
    })
    this.redis.on("error", (error) => this.warn(error))
    this.fallback = new MemoryRateLimiter(settings)
  }

  async check(bucket: string): Promise<number | null> {
    if (this.redis.status !== "ready") {
      return this.fallback.checkSync(bucket)
    }
    try {
      const key = KEY_PREFIX + bucket
      const results = await this.redis.multi().get(key).pttl(key).exec()
      const count = Number(results?.[0]?.[1] ?? 0)
      const ttl = Number(results?.[1]?.[1] ?? -2)
      if (count < this.settings.max || ttl <= 0) {
        return null
      }
      return Math.max(1, Math.ceil(ttl / 1000))
    } catch (error) {
      this.warn(error)
      return this.fallback.checkSync(bucket)
    }
  }

  async recordFailure(bucket: string): Promise<number | null> {
    if (this.redis.status !== "ready") {
      return this.fallback.recordFailureSync(bucket)
    }
    try {
      const [count, ttl] = (await this.redis.eval(
        RECORD_FAILURE,
        1,
        KEY_PREFIX + bucket,
        String(this.settings.windowSeconds * 1000)
      )) as [number, number]
      return count > this.settings.max ? Math.max(1, Math.ceil(ttl / 1000)) : null
    } catch (error) {
      this.warn(error)
      return this.fallback.recordFailureSync(bucket)
    }
  }

  /** Resolves once connected (tests, warm-up); verification never waits for it. */
  async ready(): Promise<void> {
    if (this.redis.status === "ready") {
      return
    }
    await new Promise<void>((resolve) => this.redis.once("ready", () => resolve()))
  }

  async close(): Promise<void> {
    this.redis.disconnect()
  }

  private warn(error: unknown) {
    const now = Date.now()
    if (now - this.lastWarning > 60_000) {
      this.lastWarning = now
      this.logger.warn(
        `License keys: the Verify API rate limiter cannot reach Redis (${(error as Error)?.message ?? error}); ` +
          "counting failed look-ups per instance until it is back."
      )
    }
  }
}
