import { retryDelayMs } from "../backoff"

describe("webhook retry backoff", () => {
  it("doubles per attempt up to the cap, with jitter between half and all of it", () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500)
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000)
    expect(retryDelayMs(2, 1000, 60_000, () => 1)).toBe(2000)
    expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000)
    expect(retryDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000)
    expect(retryDelayMs(20, 1000, 60_000, () => 0)).toBe(30_000)
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(3, 1000, 60_000)
      expect(delay).toBeGreaterThanOrEqual(2000)
      expect(delay).toBeLessThanOrEqual(4000)
    }
  })
})
