import { Redis } from "ioredis"
import { MemoryRateLimiter } from "./memory-rate-limiter"
import type { FailureRateLimiter, RateLimitSettings } from "./rate-limiter"

const KEY_PREFIX = "license-keys:verify-failures:"
const MAX_REMEMBERED_BUCKETS = 10_000

// Is the bucket over the budget? One command (EVALSHA) that answers 0 when it
// is not, else the window's remaining milliseconds.
const CHECK = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < tonumber(ARGV[1]) then
  return 0
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  return 0
end
return ttl`

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

type LimiterRedis = Redis & {
  licenseVerifyCheck(key: string, max: string): Promise<number>
  licenseVerifyFailure(key: string, windowMs: string): Promise<[number, number]>
}

type Logger = { warn(message: string): void }

/**
 * The rate limiter shared by every server instance through Redis. When Redis
 * fails, each instance falls back to counting in its own memory (a weaker
 * limit, but verification keeps answering) and says so in the log.
 *
 * A blocked IP's checks still ask Redis, on purpose. Remembering blocked IPs
 * in memory (they stay blocked until the window ends) spares Redis about
 * 50 µs per rejected request, but it answers the 429 in the same event-loop
 * turn the request arrives in: an attacker that sends its next guess as soon
 * as it has the answer then sends more guesses per second, and valid verifies
 * from other clients, which wait for Redis and PostgreSQL over several turns,
 * were measurably slower during an attack (docs/proofs.md, Findings 6).
 */
export class RedisRateLimiter implements FailureRateLimiter {
  private readonly redis: LimiterRedis
  private readonly fallback: MemoryRateLimiter
  private lastWarning = 0
  /** Until when (ms) Redis last said a bucket is blocked: the seenBlocked hint. */
  private readonly blockedUntil = new Map<string, number>()

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
    }) as LimiterRedis
    // EVALSHA, falling back to EVAL once per connection when Redis does not know the script yet.
    this.redis.defineCommand("licenseVerifyCheck", { numberOfKeys: 1, lua: CHECK })
    this.redis.defineCommand("licenseVerifyFailure", { numberOfKeys: 1, lua: RECORD_FAILURE })
    this.redis.on("error", (error) => this.warn(error))
    this.fallback = new MemoryRateLimiter(settings)
  }

  async check(bucket: string): Promise<number | null> {
    if (this.redis.status !== "ready") {
      return this.fallback.checkSync(bucket)
    }
    try {
      const ttl = Number(await this.redis.licenseVerifyCheck(KEY_PREFIX + bucket, String(this.settings.max)))
      return this.remember(bucket, ttl > 0 ? ttl : null)
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
      const [count, ttl] = await this.redis.licenseVerifyFailure(
        KEY_PREFIX + bucket,
        String(this.settings.windowSeconds * 1000)
      )
      return this.remember(bucket, count > this.settings.max ? Number(ttl) : null)
    } catch (error) {
      this.warn(error)
      return this.fallback.recordFailureSync(bucket)
    }
  }

  seenBlocked(bucket: string): boolean {
    if (this.redis.status !== "ready") {
      return this.fallback.seenBlocked(bucket)
    }
    const until = this.blockedUntil.get(bucket)
    if (until === undefined) {
      return false
    }
    if (until > Date.now()) {
      return true
    }
    this.blockedUntil.delete(bucket)
    return false
  }

  /** Notes Redis's answer for the hint; answers the seconds to wait, or null. */
  private remember(bucket: string, waitMs: number | null): number | null {
    if (waitMs === null) {
      this.blockedUntil.delete(bucket)
      return null
    }
    if (this.blockedUntil.size >= MAX_REMEMBERED_BUCKETS) {
      this.blockedUntil.clear()
    }
    this.blockedUntil.set(bucket, Date.now() + waitMs)
    return Math.max(1, Math.ceil(waitMs / 1000))
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
