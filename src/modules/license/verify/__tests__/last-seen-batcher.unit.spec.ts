import type { LastSeenEntry } from "../../rules/verify-rows"
import { LastSeenBatcher } from "../last-seen-batcher"

describe("LastSeenBatcher", () => {
  it("writes each activation once per flush, with its latest note", async () => {
    const writes: LastSeenEntry[][] = []
    const batcher = new LastSeenBatcher(async (entries) => void writes.push(entries), () => {}, 60_000)
    batcher.add({ activationId: "a", seenAt: new Date(1), ip: "1.1.1.1" })
    batcher.add({ activationId: "a", seenAt: new Date(2), ip: "1.1.1.2" })
    batcher.add({ activationId: "b", seenAt: new Date(3), ip: null })
    await batcher.flush()
    await batcher.flush()
    expect(writes).toHaveLength(1)
    expect(writes[0].map((e) => [e.activationId, e.seenAt.getTime()])).toEqual([["a", 2], ["b", 3]])
  })

  it("flushes on its own after the interval, and reports failures instead of throwing", async () => {
    const errors: unknown[] = []
    const batcher = new LastSeenBatcher(async () => Promise.reject(new Error("db down")), (e) => errors.push(e), 10)
    batcher.add({ activationId: "a", seenAt: new Date(), ip: null })
    await new Promise((r) => setTimeout(r, 50))
    expect(errors).toHaveLength(1)
    expect(batcher.size).toBe(0)
  })
})
