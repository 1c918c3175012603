import { parseByteRange } from "../byte-range"

describe("Range header", () => {
  it("answers spans, suffixes and open ends within the file", () => {
    expect(parseByteRange("bytes=0-99", 1000)).toEqual({ type: "partial", start: 0, end: 99 })
    expect(parseByteRange("bytes=500-", 1000)).toEqual({ type: "partial", start: 500, end: 999 })
    expect(parseByteRange("bytes=-100", 1000)).toEqual({ type: "partial", start: 900, end: 999 })
    expect(parseByteRange("bytes=900-5000", 1000)).toEqual({ type: "partial", start: 900, end: 999 })
    expect(parseByteRange("bytes=-5000", 1000)).toEqual({ type: "partial", start: 0, end: 999 })
  })

  it("sends the whole file without a usable header, and 416 for bytes the file does not have", () => {
    expect(parseByteRange(undefined, 1000)).toEqual({ type: "full" })
    expect(parseByteRange("bytes=0-1,5-9", 1000)).toEqual({ type: "full" })
    expect(parseByteRange("items=0-1", 1000)).toEqual({ type: "full" })
    expect(parseByteRange("bytes=1000-", 1000)).toEqual({ type: "unsatisfiable" })
    expect(parseByteRange("bytes=10-5", 1000)).toEqual({ type: "unsatisfiable" })
    expect(parseByteRange("bytes=-0", 1000)).toEqual({ type: "unsatisfiable" })
  })
})
