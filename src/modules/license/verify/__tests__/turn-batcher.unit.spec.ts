import type { VerifyLicenseRow, VerifyLookup } from "../../rules/verify-rows"
import { LookupBatcher } from "../lookup-batcher"

const row = (id: string) => ({ id }) as VerifyLicenseRow
const identity = { kind: "domain" as const, value: "a.example" }

describe("LookupBatcher", () => {
  it("answers the lookups of one turn with one query, each with its own row", async () => {
    const batches: VerifyLookup[][] = []
    const batcher = new LookupBatcher(async (lookups) => {
      batches.push(lookups)
      return lookups.map((l) => (l.keyHash === "missing" ? null : row(l.keyHash)))
    })
    const answers = await Promise.all(["k1", "missing", "k3"].map((k) => batcher.find(k, identity)))
    expect(answers).toEqual([row("k1"), null, row("k3")])
    expect(batches).toHaveLength(1)

    // a later turn is a new query
    expect(await batcher.find("k4", identity)).toEqual(row("k4"))
    expect(batches).toHaveLength(2)
  })

  it("caps a batch and rejects every waiting lookup when the query fails", async () => {
    const sizes: number[] = []
    const ok = new LookupBatcher(async (lookups) => {
      sizes.push(lookups.length)
      return lookups.map(() => null)
    }, 2)
    await Promise.all([1, 2, 3, 4, 5].map((i) => ok.find(`k${i}`, identity)))
    expect(sizes).toEqual([2, 2, 1])

    const failing = new LookupBatcher(async () => {
      throw new Error("db down")
    })
    const results = await Promise.allSettled([failing.find("a", identity), failing.find("b", identity)])
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"])
  })
})
