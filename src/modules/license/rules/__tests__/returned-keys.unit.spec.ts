import { keysToRevokeForReturns, type ReturnCandidate, unitsReturnedBeforeIssuance } from "../returned-keys"

const key = (id: string, unit: number, extra: Partial<ReturnCandidate> = {}): ReturnCandidate => ({
  id,
  line_item_id: "item_1",
  unit_index: unit,
  status: "active",
  activations_used: 0,
  created_at: "2026-11-01T00:00:00Z",
  ...extra,
})

describe("keysToRevokeForReturns", () => {
  it("revokes as many keys as the returns owe, skipping keys already revoked for any reason", () => {
    const keys = [key("a", 0, { status: "revoked" }), key("b", 1), key("c", 2)]
    expect(keysToRevokeForReturns(keys, new Map([["item_1", 1]])).map((k) => k.id)).toEqual(["c"])
    expect(keysToRevokeForReturns(keys, new Map([["item_1", 5]])).map((k) => k.id)).toEqual(["c", "b"])
  })

  it("takes a key without held activations first, else the newest, and only from the owed line", () => {
    const keys = [
      key("old-idle", 0, { created_at: "2026-10-01T00:00:00Z" }),
      key("new-busy", 1, { activations_used: 2 }),
      key("other-line", 0, { line_item_id: "item_2" }),
    ]
    expect(keysToRevokeForReturns(keys, new Map([["item_1", 1]])).map((k) => k.id)).toEqual(["old-idle"])
    expect(keysToRevokeForReturns(keys, new Map([["item_1", 2]])).map((k) => k.id)).toEqual(["old-idle", "new-busy"])
    expect(keysToRevokeForReturns(keys, new Map())).toEqual([])
  })
})

describe("unitsReturnedBeforeIssuance", () => {
  it("picks the newest units of each line, as many as its returns owe", () => {
    const units = [0, 1, 2].map((unit_index) => ({ line_item_id: "item_1", unit_index }))
    const other = { line_item_id: "item_2", unit_index: 0 }
    const manual = { line_item_id: null, unit_index: 0 }
    const picked = unitsReturnedBeforeIssuance([...units, other, manual], new Map([["item_1", 2]]))
    expect([...picked]).toEqual([units[2], units[1]])
    expect(unitsReturnedBeforeIssuance(units, new Map([["item_1", 9]])).size).toBe(3)
    expect(unitsReturnedBeforeIssuance(units, new Map()).size).toBe(0)
  })
})
