import { generateEntityId } from "@medusajs/framework/utils"
import { entityId } from "../entity-id"

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/

describe("entityId", () => {
  it("writes ids in the shape of Medusa's generateEntityId: prefix, then a ULID", () => {
    const id = entityId("lact")
    const medusa = generateEntityId(undefined, "lact")
    expect(id).toMatch(/^lact_/)
    expect(id.slice(5)).toMatch(ULID)
    expect(id.length).toBe(medusa.length)
  })

  it("starts with the time in milliseconds, so ids sort by creation as ULIDs do", () => {
    expect(entityId("x", 0).slice(2, 12)).toBe("0000000000")
    expect(entityId("x", 1469918176385).slice(2, 12)).toBe("01ARYZ6S41") // the ULID specification's example
    expect(entityId("x", Date.now() - 1000) < entityId("x")).toBe(true)
  })

  it("is unique across many ids and uses every random character", () => {
    const ids = new Set<string>()
    const seen = new Set<string>()
    for (let i = 0; i < 50_000; i++) {
      const id = entityId("levt", 1_700_000_000_000)
      ids.add(id)
      for (const c of id.slice(15)) seen.add(c)
    }
    expect(ids.size).toBe(50_000)
    expect(seen.size).toBe(32)
  })
})
