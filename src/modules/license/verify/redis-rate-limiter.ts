import { Redis } from "ioredis"
import { MemoryRateLimiter } from "./memory-rate-limiter"
import type { FailureRateLimiter, RateLimitSettings } from "./rate-limiter"

const KEY_PREFIX = "license-keys:verify-failures:"

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
 * A bucket that Redis has said is over the budget stays blocked until its
 * window ends: failures are only ever added within a window, so the answer
 * cannot change before then. Each instance remembers such buckets in memory
 * and answers their checks without asking Redis again, so the requests of a
 * blocked attacker (the bulk of a brute force) cost no Redis round trip. The
 * counting itself stays in Redis, exact across instances.
 */
export class RedisRateLimiter implements FailureRateLimiter {
  private readonly redis: LimiterRedis
  private readonly fallback: MemoryRateLimiter
  /** bucket -> when its window ends (ms, this process' clock); insertion order = oldest first. */
  private readonly blocked = new Map<string, number>()
  private lastWarning = 0

  constructor(
    url: string,
    private readonly settings: RateLimitSettings,
    private readonly logger: Logger,
    private readonly maxBlockedBuckets = 100_000,
    private readonly now: () => number = Date.now
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
    const known = this.knownBlocked(bucket)
    if (known !== null) {
      return known
    }
    if (this.redis.status !== "ready") {
      return this.fallback.checkSync(bucket)
    }
    try {
      // Read the clock before asking: the window ends no earlier than asked + ttl.
      const asked = this.now()
      const ttl = Number(await this.redis.licenseVerifyCheck(KEY_PREFIX + bucket, String(this.settings.max)))
      if (!(ttl > 0)) {
        return null
      }
      return this.block(bucket, asked, ttl)
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
      const asked = this.now()
      const [count, ttl] = await this.redis.licenseVerifyFailure(
        KEY_PREFIX + bucket,
        String(this.settings.windowSeconds * 1000)
      )
      if (count <= this.settings.max) {
        return null
      }
      return this.block(bucket, asked, Number(ttl))
    } catch (error) {
      this.warn(error)
      return this.fallback.recordFailureSync(bucket)
    }
  }

  /** Seconds to wait if this instance already knows the bucket is blocked, else null. */
  private knownBlocked(bucket: string): number | null {
    const until = this.blocked.get(bucket)
    if (until === undefined) {
      return null
    }
    const left = until - this.now()
    if (left <= 0) {
      this.blocked.delete(bucket)
      return null
    }
    return Math.max(1, Math.ceil(left / 1000))
  }

  /** Remembers that `bucket` is over the budget for `ttl` ms from `asked`; answers the seconds to wait. */
  private block(bucket: string, asked: number, ttl: number): number {
    const until = asked + Math.max(0, ttl)
    if (until > this.now()) {
      this.blocked.delete(bucket)
      if (this.blocked.size >= this.maxBlockedBuckets) {
        this.evict()
      }
      this.blocked.set(bucket, until)
    }
    return Math.max(1, Math.ceil(ttl / 1000))
  }

  /** Forgetting a bucket only costs a Redis round trip: drop the ended windows, then the oldest. */
  private evict() {
    const now = this.now()
    for (const [bucket, until] of this.blocked) {
      if (until <= now) {
        this.blocked.delete(bucket)
      }
    }
    for (const bucket of this.blocked.keys()) {
      if (this.blocked.size < this.maxBlockedBuckets) {
        break
      }
      this.blocked.delete(bucket)
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
    this.blocked.clear()
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
