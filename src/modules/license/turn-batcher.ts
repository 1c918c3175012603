type Waiting<I, O> = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }

/**
 * Coalesces the reads that arrive in the same event-loop turn into one query
 * (`run` answers a batch of inputs in their order). Alone, a read is run on its
 * own a moment later (setImmediate); under load, the reads of the requests taken
 * from the sockets in one turn share one database round trip, which saves the
 * database and this process a query, a pool checkout and two socket writes each.
 * Nothing is cached: every read is answered from the database as of its own turn.
 * Used by the Verify API's license lookup and the update check's release list.
 */
export class TurnBatcher<I, O> {
  private waiting: Waiting<I, O>[] = []
  private scheduled = false

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 100
  ) {}

  load(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject })
      if (this.waiting.length >= this.maxBatch) {
        this.flush()
      } else if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private flush() {
    this.scheduled = false
    const batch = this.waiting
    this.waiting = []
    if (!batch.length) {
      return
    }
    this.run(batch.map((item) => item.input)).then(
      (outputs) => batch.forEach((item, i) => item.resolve(outputs[i])),
      (error) => batch.forEach((item) => item.reject(error))
    )
  }
}
