import type { LastSeenEntry } from "../rules/verify-rows"
import { WriteBehindBuffer } from "./write-behind-buffer"


/**
 * Collects "this activation was seen again" notes and writes them in one
 * UPDATE every few seconds, so that a known identity's verify stays a single
 * SELECT. Losing a batch (crash, failed write) only leaves last_seen_at a
 * little older. The UPDATE itself skips rows seen within the last minute, so
 * across instances an activation row is written at most once a minute.
 */
export class LastSeenBatcher extends WriteBehindBuffer<LastSeenEntry> {
  constructor(
    write: (entries: LastSeenEntry[]) => Promise<void>,
    onError: (error: unknown) => void,
    intervalMs = 5000,
    maxPending = 1000
  ) {
    super(write, onError, intervalMs, maxPending, false)
  }

  add(entry: LastSeenEntry) {
    this.put(entry.activationId, entry)
  }

  /** The latest note of an activation wins. */
  protected merge(_pending: LastSeenEntry, next: LastSeenEntry): LastSeenEntry {
    return next
  }
}
