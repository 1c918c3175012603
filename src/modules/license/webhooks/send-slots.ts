/**
 * A cap on the webhook requests this process has in flight, so that a slow or
 * hanging receiver can hold at most this many sockets (each for at most the
 * timeout). It only bounds a local resource: the queue itself, and which
 * sender sends which delivery, live in PostgreSQL.
 */
export class SendSlots {
  private inFlight = 0

  constructor(readonly capacity: number) {}

  /** Takes up to `wanted` slots and returns how many it took (0 when all are busy). */
  reserve(wanted: number): number {
    const taken = Math.max(0, Math.min(wanted, this.capacity - this.inFlight))
    this.inFlight += taken
    return taken
  }

  /** Gives back `count` slots. */
  release(count = 1): void {
    this.inFlight = Math.max(0, this.inFlight - count)
  }
}
