import type { UsageRow } from "../../rules/verify-rows"
import { UsageCounter } from "../usage-counter"

const NOON = new Date("2026-03-10T12:00:00Z")

function byKey(rows: UsageRow[]) {
  return Object.fromEntries(rows.map((r) => [`${r.day} ${r.product_id} ${r.code}`, r.count]))
}

function recorder() {
  const writes: UsageRow[][] = []
  const write = async (rows: UsageRow[]) => {
    writes.push(rows.map((r) => ({ ...r })))
  }
  return { writes, write }
}

describe("UsageCounter", () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it("sums counts per day, product and code, and writes them in one call", async () => {
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000)
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "revoked", NOON)
    counter.add("prod_b", "valid", NOON)
    expect(counter.pendingKeys).toBe(3)
    await counter.flush()
    expect(writes).toHaveLength(1)
    expect(byKey(writes[0])).toEqual({
      "2026-03-10 prod_a valid": 3,
      "2026-03-10 prod_a revoked": 1,
      "2026-03-10 prod_b valid": 1,
    })
    expect(counter.pendingKeys).toBe(0)
  })

  it("does not call write when nothing is pending", async () => {
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000)
    await counter.flush()
    counter.add("prod_a", "valid", NOON)
    await counter.flush()
    await counter.flush()
    expect(writes).toHaveLength(1)
  })

  it("splits days at UTC midnight, whatever the local time zone", async () => {
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000)
    counter.add("prod_a", "valid", new Date("2026-03-10T23:59:59.999Z"))
    counter.add("prod_a", "valid", new Date("2026-03-11T00:00:00.000Z"))
    counter.add("prod_a", "valid", new Date("2026-03-11T00:00:00.001Z"))
    counter.add("prod_a", "valid", new Date("2026-03-11T01:30:00+02:00"))
    await counter.flush()
    expect(byKey(writes[0])).toEqual({
      "2026-03-10 prod_a valid": 2,
      "2026-03-11 prod_a valid": 2,
    })
  })

  it("counts at the current time by default, and counts an invalid date as now", async () => {
    jest.useFakeTimers({ now: new Date("2026-07-04T08:00:00Z") })
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000)
    counter.add("prod_a", "valid")
    counter.add("prod_a", "valid", new Date("not a date"))
    await counter.flush()
    expect(byKey(writes[0])).toEqual({ "2026-07-04 prod_a valid": 2 })
  })

  it("keeps codes, products and days that look alike apart", async () => {
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000)
    counter.add("a b", "c", NOON)
    counter.add("a", "b c", NOON)
    await counter.flush()
    expect(writes[0]).toHaveLength(2)
  })

  it("puts the counts of a failed write back, reports the error, and writes the sum next time", async () => {
    const errors: unknown[] = []
    const writes: UsageRow[][] = []
    let fail = true
    const counter = new UsageCounter(
      async (rows) => {
        if (fail) {
          throw new Error("db down")
        }
        writes.push(rows.map((r) => ({ ...r })))
      },
      (error) => errors.push(error),
      60_000
    )
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_b", "expired", NOON)
    await expect(counter.flush()).resolves.toBeUndefined()
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).message).toBe("db down")
    expect(counter.pendingKeys).toBe(2)

    counter.add("prod_a", "valid", NOON)
    counter.add("prod_c", "valid", NOON)
    fail = false
    await counter.flush()
    expect(writes).toHaveLength(1)
    expect(byKey(writes[0])).toEqual({
      "2026-03-10 prod_a valid": 3,
      "2026-03-10 prod_b expired": 1,
      "2026-03-10 prod_c valid": 1,
    })
    expect(counter.pendingKeys).toBe(0)
  })

  it("merges counts added while a failing write was in flight", async () => {
    const writes: UsageRow[][] = []
    let rejectFirst!: (error: Error) => void
    let calls = 0
    const counter = new UsageCounter(
      (rows) => {
        calls++
        if (calls === 1) {
          return new Promise<void>((_, reject) => (rejectFirst = reject))
        }
        writes.push(rows.map((r) => ({ ...r })))
        return Promise.resolve()
      },
      () => {},
      60_000
    )
    counter.add("prod_a", "valid", NOON)
    const first = counter.flush()
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    await new Promise((r) => setImmediate(r))
    rejectFirst(new Error("timeout"))
    await first
    expect(counter.pendingKeys).toBe(1)
    await counter.flush()
    expect(byKey(writes[0])).toEqual({ "2026-03-10 prod_a valid": 3 })
  })

  it("survives an onError that throws", async () => {
    const { writes, write } = recorder()
    let fail = true
    const counter = new UsageCounter(
      async (rows) => (fail ? Promise.reject(new Error("db down")) : write(rows)),
      () => {
        throw new Error("logger broken")
      },
      60_000
    )
    counter.add("prod_a", "valid", NOON)
    await expect(counter.flush()).resolves.toBeUndefined()
    fail = false
    await expect(counter.flush()).resolves.toBeUndefined()
    expect(byKey(writes[0])).toEqual({ "2026-03-10 prod_a valid": 1 })
  })

  it("serialises flushes: concurrent calls write each count exactly once, one write at a time", async () => {
    const writes: UsageRow[][] = []
    let active = 0
    let maxActive = 0
    const counter = new UsageCounter(
      async (rows) => {
        active++
        maxActive = Math.max(maxActive, active)
        await new Promise((r) => setTimeout(r, 5))
        writes.push(rows.map((r) => ({ ...r })))
        active--
      },
      () => {},
      60_000
    )
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    const first = counter.flush()
    const second = counter.flush()
    counter.add("prod_b", "valid", NOON)
    const third = counter.flush()
    await Promise.all([first, second, third])
    expect(maxActive).toBe(1)
    expect(writes).toHaveLength(2)
    expect(byKey(writes.flat())).toEqual({ "2026-03-10 prod_a valid": 2, "2026-03-10 prod_b valid": 1 })
  })

  it("a later flush resolves only after an earlier write has finished", async () => {
    const order: string[] = []
    let release!: () => void
    const counter = new UsageCounter(
      (rows) => {
        order.push(`write ${rows[0].product_id}`)
        return rows[0].product_id === "slow" ? new Promise<void>((r) => (release = r)) : Promise.resolve()
      },
      () => {},
      60_000
    )
    counter.add("slow", "valid", NOON)
    const first = counter.flush().then(() => order.push("first done"))
    counter.add("fast", "valid", NOON)
    const second = counter.flush().then(() => order.push("second done"))
    await new Promise((r) => setImmediate(r))
    expect(order).toEqual(["write slow"])
    release()
    await Promise.all([first, second])
    expect(order).toHaveLength(4)
    expect(order.slice(0, 1)).toEqual(["write slow"])
    expect(order.slice(1, 3).sort()).toEqual(["first done", "write fast"])
    expect(order[3]).toBe("second done")
  })

  it("flushes at once when maxKeys distinct keys are pending, not on repeats of a pending key", async () => {
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 60_000, 3)
    counter.add("p1", "valid", NOON)
    counter.add("p2", "valid", NOON)
    counter.add("p2", "valid", NOON)
    counter.add("p2", "valid", NOON)
    expect(counter.pendingKeys).toBe(2)
    counter.add("p3", "valid", NOON)
    expect(counter.pendingKeys).toBe(0)
    await counter.flush()
    expect(writes).toHaveLength(1)
    expect(byKey(writes[0])).toEqual({
      "2026-03-10 p1 valid": 1,
      "2026-03-10 p2 valid": 3,
      "2026-03-10 p3 valid": 1,
    })
  })

  it("flushes on its own after the interval, once, with an unref'd timer", async () => {
    jest.useFakeTimers()
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 5000)
    const setTimeoutSpy = jest.spyOn(global, "setTimeout")
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_a", "valid", NOON)
    counter.add("prod_b", "valid", NOON)
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1)
    const timer = setTimeoutSpy.mock.results[0].value as NodeJS.Timeout
    expect(timer.hasRef()).toBe(false)

    await jest.advanceTimersByTimeAsync(4999)
    expect(writes).toHaveLength(0)
    await jest.advanceTimersByTimeAsync(1)
    expect(writes).toHaveLength(1)
    expect(byKey(writes[0])).toEqual({ "2026-03-10 prod_a valid": 2, "2026-03-10 prod_b valid": 1 })

    await jest.advanceTimersByTimeAsync(60_000)
    expect(writes).toHaveLength(1)
    setTimeoutSpy.mockRestore()
  })

  it("retries a failed write on the next interval without new traffic", async () => {
    jest.useFakeTimers()
    const errors: unknown[] = []
    const writes: UsageRow[][] = []
    let fail = true
    const counter = new UsageCounter(
      async (rows) => {
        if (fail) {
          throw new Error("db down")
        }
        writes.push(rows.map((r) => ({ ...r })))
      },
      (error) => errors.push(error),
      1000
    )
    counter.add("prod_a", "valid", NOON)
    await jest.advanceTimersByTimeAsync(1000)
    expect(errors).toHaveLength(1)
    expect(counter.pendingKeys).toBe(1)
    fail = false
    await jest.advanceTimersByTimeAsync(1000)
    expect(byKey(writes[0])).toEqual({ "2026-03-10 prod_a valid": 1 })
    expect(counter.pendingKeys).toBe(0)
  })

  it("a manual flush cancels the pending timer", async () => {
    jest.useFakeTimers()
    const { writes, write } = recorder()
    const counter = new UsageCounter(write, () => {}, 1000)
    counter.add("prod_a", "valid", NOON)
    await counter.flush()
    await jest.advanceTimersByTimeAsync(5000)
    expect(writes).toHaveLength(1)
  })
})
