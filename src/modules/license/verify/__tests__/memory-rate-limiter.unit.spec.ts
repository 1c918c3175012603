import { MemoryRateLimiter } from "../memory-rate-limiter"

describe("MemoryRateLimiter", () => {
  it("limits a bucket after max failures until its window ends", async () => {
    let now = 1_000_000
    const limiter = new MemoryRateLimiter({ max: 3, windowSeconds: 60 }, 100, () => now)
    for (let i = 0; i < 3; i++) {
      expect(await limiter.check("a")).toBeNull()
      await limiter.recordFailure("a")
    }
    expect(await limiter.check("a")).toBe(60)
    expect(limiter.seenBlocked("a")).toBe(true)
    expect(await limiter.check("b")).toBeNull()
    expect(limiter.seenBlocked("b")).toBe(false)
    now += 59_500
    expect(await limiter.check("a")).toBe(1)
    now += 500
    expect(await limiter.check("a")).toBeNull()
    await limiter.recordFailure("a")
    expect(await limiter.check("a")).toBeNull()
  })

  it("answers over-budget to the failures past max, also when they all passed check together", async () => {
    const limiter = new MemoryRateLimiter({ max: 20, windowSeconds: 60 })
    const checks = await Promise.all(Array.from({ length: 50 }, () => limiter.check("attacker")))
    expect(checks.every((c) => c === null)).toBe(true)
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.recordFailure("attacker")))
    expect(results.filter((r) => r === null)).toHaveLength(20)
    expect(results.slice(20).every((r) => r !== null && r > 0 && r <= 60)).toBe(true)
  })

  it("keeps its memory bounded", async () => {
    let now = 0
    const limiter = new MemoryRateLimiter({ max: 1, windowSeconds: 60 }, 10, () => now)
    for (let i = 0; i < 1000; i++) {
      await limiter.recordFailure(`ip-${i}`)
      now += 1
    }
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10)
    expect(await limiter.check("ip-999")).not.toBeNull()
  })

  /** A Map that counts the entries it hands out (iteration) and deletes. */
  class CountingMap<K, V> extends Map<K, V> {
    visited = 0
    deleted = 0
    override delete(key: K): boolean {
      const had = super.delete(key)
      this.deleted += had ? 1 : 0
      return had
    }
    override keys(): MapIterator<K> {
      return this.counted(super.keys())
    }
    override entries(): MapIterator<[K, V]> {
      return this.counted(super.entries())
    }
    override values(): MapIterator<V> {
      return this.counted(super.values())
    }
    override [Symbol.iterator](): MapIterator<[K, V]> {
      return this.entries()
    }
    override forEach(callback: (value: V, key: K, map: Map<K, V>) => void): void {
      for (const [key, value] of this.entries()) {
        callback(value, key, this)
      }
    }
    private counted<T>(inner: MapIterator<T>): MapIterator<T> {
      const next = (): IteratorResult<T> => {
        const result = inner.next()
        this.visited += result.done ? 0 : 1
        return result
      }
      const iterator = { next, [Symbol.iterator]: () => iterator } as MapIterator<T>
      return iterator
    }
  }

  /** A limiter whose table of windows is a CountingMap. */
  function countedLimiter(maxBuckets: number, now: () => number) {
    const limiter = new MemoryRateLimiter({ max: 2, windowSeconds: 60 }, maxBuckets, now)
    const windows = new CountingMap<string, unknown>()
    ;(limiter as unknown as { windows: Map<string, unknown> }).windows = windows
    return { limiter, windows }
  }

  it("evicts the oldest window, in O(1), when a new bucket arrives at a full table of live windows", async () => {
    let now = 0
    const size = 1000
    const { limiter, windows } = countedLimiter(size, () => now)
    for (let i = 0; i < size; i++) {
      await limiter.recordFailure(`old-${i}`)
      now += 1
    }
    await limiter.recordFailure("old-999") // the newest old bucket: blocked after 2 failures
    expect(windows.size).toBe(size)
    expect(windows.visited).toBe(0)

    // Every window is still live (60 s, and only 2 s have passed): the old code
    // swept the whole table for every new bucket.
    const inserts = 500
    windows.visited = 0
    windows.deleted = 0
    for (let i = 0; i < inserts; i++) {
      await limiter.recordFailure(`new-${i}`)
      now += 1
    }
    expect(windows.size).toBe(size)
    // One entry looked at and one deleted per insert, whatever the table's size.
    expect(windows.visited).toBeLessThanOrEqual(inserts)
    expect(windows.deleted).toBe(inserts)
    // The oldest went, in order; the newest are kept, with their counts.
    expect(windows.has("old-0")).toBe(false)
    expect(windows.has(`old-${inserts - 1}`)).toBe(false)
    expect(windows.has(`old-${inserts}`)).toBe(true)
    expect(windows.has(`new-${inserts - 1}`)).toBe(true)
    expect(await limiter.check("old-999")).toBe(60) // its 2 failures are still counted: blocked
    expect(await limiter.check(`new-${inserts - 1}`)).toBeNull() // 1 failure
    expect(await limiter.recordFailure(`new-${inserts - 1}`)).toBeNull()
    expect(await limiter.check(`new-${inserts - 1}`)).toBe(60)
  })

  it("evicts an expired window before a live one and keeps the budget per bucket and window", async () => {
    let now = 0
    const { limiter, windows } = countedLimiter(3, () => now)
    await limiter.recordFailure("a")
    now += 30_000
    await limiter.recordFailure("b")
    await limiter.recordFailure("c")
    now += 31_000 // a's window has ended, b's and c's have not
    windows.visited = 0
    await limiter.recordFailure("d")
    expect([...Map.prototype.keys.call(windows)]).toEqual(["b", "c", "d"])
    expect(windows.visited).toBe(1)
    // A bucket whose window ended starts a new one at the end of the order.
    now += 30_000 // b and c have ended too
    await limiter.recordFailure("b")
    expect([...Map.prototype.keys.call(windows)]).toEqual(["c", "d", "b"])
  })
})
