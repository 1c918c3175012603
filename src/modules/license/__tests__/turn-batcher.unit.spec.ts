import { TurnBatcher } from "../turn-batcher"

describe("TurnBatcher", () => {
  it("answers the reads of one turn with one run, each with its own output", async () => {
    const batches: string[][] = []
    const batcher = new TurnBatcher<string, { id: string } | null>(async (keys) => {
      batches.push(keys)
      return keys.map((k) => (k === "missing" ? null : { id: k }))
    })
    const answers = await Promise.all(["k1", "missing", "k3"].map((k) => batcher.load(k)))
    expect(answers).toEqual([{ id: "k1" }, null, { id: "k3" }])
    expect(batches).toEqual([["k1", "missing", "k3"]])

    // a later turn is a new run
    expect(await batcher.load("k4")).toEqual({ id: "k4" })
    expect(batches).toHaveLength(2)
  })

  it("caps a batch and rejects every waiting read when the run fails", async () => {
    const sizes: number[] = []
    const ok = new TurnBatcher<string, null>(async (keys) => {
      sizes.push(keys.length)
      return keys.map(() => null)
    }, 2)
    await Promise.all([1, 2, 3, 4, 5].map((i) => ok.load(`k${i}`)))
    expect(sizes).toEqual([2, 2, 1])

    const failing = new TurnBatcher<string, null>(async () => {
      throw new Error("db down")
    })
    const results = await Promise.allSettled([failing.load("a"), failing.load("b")])
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"])
  })
})
