import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LastSeenEntry, UsageRow, VerifyLicenseRow, VerifyLookup } from "../rules/verify-rows"
import { UsageCounter } from "./usage-counter"
import type { ResolvedVerifyOptions } from "../options"
import { findLicensesForVerify, writeLastSeen } from "../sql/activations"
import { addUsage } from "../sql/usage"
import { LastSeenBatcher } from "./last-seen-batcher"
import { MemoryRateLimiter } from "./memory-rate-limiter"
import { ProxyHeaderWarning } from "./proxy-warning"
import { DisabledRateLimiter, type FailureRateLimiter } from "./rate-limiter"
import { RedisRateLimiter } from "./redis-rate-limiter"
import { AnswerSigner } from "./signer"
import { TurnBatcher } from "../turn-batcher"

export type VerifyLogger = { warn(message: string): void; error(message: string, error?: unknown): void }

/** The long-lived parts of the Verify API of one module instance. */
export class VerifyRuntime {
  readonly signer: AnswerSigner
  readonly limiter: FailureRateLimiter
  readonly lastSeen: LastSeenBatcher
  /** The hot path's one query, shared by the verifies of one event-loop turn. */
  readonly lookups: TurnBatcher<VerifyLookup, VerifyLicenseRow | null>
  readonly usage: UsageCounter
  /** Once per process: X-Forwarded-For arrives but no proxy hop is trusted. */
  readonly proxyWarning: ProxyHeaderWarning
  /**
   * The clock of the day-keyed counts: the UTC day of the daily verify quota (and its
   * `resets_at`) and of the usage counts. One function, so a test replaces it on the resolved
   * module (`service.verifyRuntime().now = () => ...`) to cross a midnight; the quota's day is
   * passed to its statement as a parameter, never read from the database's clock.
   */
  now: () => Date = () => new Date()

  constructor(
    options: ResolvedVerifyOptions,
    logger: VerifyLogger,
    /** The shared connection pool (Medusa's PG_CONNECTION). */
    readonly knex: Knex,
    writeLastSeen: (entries: LastSeenEntry[]) => Promise<void>,
    writeUsage: (rows: UsageRow[]) => Promise<void>
  ) {
    this.lookups = new TurnBatcher((lookups) => findLicensesForVerify(knex, lookups))
    this.signer = new AnswerSigner(options.signingPrivateKey, options.signatureTtlSeconds)
    const limit = { max: options.rateLimitMax, windowSeconds: options.rateLimitWindowSeconds }
    this.limiter =
      limit.max === 0
        ? new DisabledRateLimiter()
        : options.redisUrl
          ? new RedisRateLimiter(options.redisUrl, limit, logger)
          : new MemoryRateLimiter(limit)
    this.lastSeen = new LastSeenBatcher(writeLastSeen, (error) =>
      logger.error("License keys: could not write activation last_seen_at", error)
    )
    this.proxyWarning = new ProxyHeaderWarning(options.trustedProxyHops, logger)
    this.usage = new UsageCounter(writeUsage, (error) =>
      logger.error("License keys: could not write verify usage counts", error)
    )
  }

  /** The runtime of a module instance on Medusa's shared pool: last-seen notes and usage counts are written through it. */
  static forPool(options: ResolvedVerifyOptions, logger: VerifyLogger, knex: Knex): VerifyRuntime {
    return new VerifyRuntime(options, logger, knex, (entries) => writeLastSeen(knex, entries), (rows) => addUsage(knex, rows))
  }

  /** Writes what is batched in memory (last-seen notes, usage counts). */
  async flush() {
    await Promise.all([this.lastSeen.flush(), this.usage.flush()])
  }

  async close() {
    await this.flush()
    await this.limiter.close()
  }
}
