import { resolveHistoryOptions } from "../history-options"

describe("historyRetentionDays", () => {
  it("defaults to 180 days; 0 keeps everything; numeric strings from env vars are accepted", () => {
    expect(resolveHistoryOptions(undefined)).toEqual({ retentionDays: 180 })
    expect(resolveHistoryOptions("")).toEqual({ retentionDays: 180 })
    expect(resolveHistoryOptions(0)).toEqual({ retentionDays: 0 })
    expect(resolveHistoryOptions("31")).toEqual({ retentionDays: 31 })
    expect(resolveHistoryOptions(365)).toEqual({ retentionDays: 365 })
  })

  it("refuses a window the 30-day deactivation budget still counts in, and nonsense", () => {
    for (const bad of [1, 30, -1, 1.5, "soon", 40000]) {
      expect(() => resolveHistoryOptions(bad as number)).toThrow(/historyRetentionDays/)
    }
  })
})
