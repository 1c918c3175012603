import type { VerifyIdentity } from "./identity"

/**
 * Heartbeats and floating seats (docs/verify-api.md "Heartbeats and floating
 * seats"). A policy may set `heartbeat_interval_seconds` (null = off, the
 * default), snapshot on each key at issuance. On such a key a machine keeps its
 * seat only while it verifies (POST /licenses/verify, /licenses/heartbeat or
 * the update check) at least once per interval; a machine not seen for
 * `deadAfterSeconds(interval)` is dead: the release job frees its seat, and a
 * new machine that finds every seat held may take a dead machine's seat at once.
 *
 * The grace is fixed: one more interval plus one minute, because the Verify
 * API records a known machine's last-seen time at most once a minute and
 * writes it in batches a few seconds late (verify/last-seen-batcher.ts). A
 * machine that calls once per interval is therefore never released. Domain and
 * IP slots never expire this way. Pure; sql/heartbeats.ts holds the statements.
 */

export const HEARTBEAT_MIN_INTERVAL_SECONDS = 60
/** 30 days. */
export const HEARTBEAT_MAX_INTERVAL_SECONDS = 2_592_000
/** The slack over one extra interval: the last-seen resolution (60 s) and its batched write. */
export const HEARTBEAT_SLACK_SECONDS = 60

/** Seconds without a verify after which a machine's seat is dead: 2 x interval + 60. */
export function deadAfterSeconds(intervalSeconds: number): number {
  return 2 * intervalSeconds + HEARTBEAT_SLACK_SECONDS
}

/** What a valid answer to a machine on a heartbeat key says about its next heartbeat. */
export type HeartbeatDue = {
  /** Verify (or call POST /licenses/heartbeat) again within this many seconds. */
  interval_seconds: number
  /** now + interval_seconds (ISO). */
  due_at: string
  /** When the seat becomes free for another machine if no heartbeat arrives (ISO): now + 2 x interval + 60 s. */
  seat_released_after: string
}

/**
 * The `heartbeat` of a verify answer: set for a valid answer to a machine on a
 * key with heartbeats on; null otherwise (domains, IPs, refusals, keys without).
 */
export function heartbeatDue(
  intervalSeconds: number | null | undefined,
  identity: VerifyIdentity,
  valid: boolean,
  now: Date
): HeartbeatDue | null {
  if (!valid || !intervalSeconds || identity.kind !== "machine") {
    return null
  }
  return {
    interval_seconds: intervalSeconds,
    due_at: new Date(now.getTime() + intervalSeconds * 1000).toISOString(),
    seat_released_after: new Date(now.getTime() + deadAfterSeconds(intervalSeconds) * 1000).toISOString(),
  }
}

/** Whether a held machine seat is dead at `now` (the job's and the admin's view; the slot statement uses the same rule in SQL). */
export function seatIsDead(intervalSeconds: number | null, lastSeenAt: Date, now: Date): boolean {
  return !!intervalSeconds && now.getTime() - lastSeenAt.getTime() > deadAfterSeconds(intervalSeconds) * 1000
}
