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
})
