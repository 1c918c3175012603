import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import net from "node:net"
import { RedisRateLimiter } from "../redis-rate-limiter"

// Runs against a real redis-server (.ci/run installs Debian's redis-server;
// locally: apt-get install redis-server). Without it the suite fails, never skips.
const hasRedis = spawnSync("redis-server", ["--version"]).status === 0
const silent = { warn: () => {} }

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

describe("RedisRateLimiter against redis-server", () => {
  let redis: ChildProcess
  let url: string

  beforeAll(async () => {
    if (!hasRedis) {
      throw new Error("redis-server is not installed: apt-get install redis-server (.ci/run does it)")
    }
    const port = await freePort()
    redis = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" })
    url = `redis://127.0.0.1:${port}`
    await new Promise((r) => setTimeout(r, 300))
  })

  afterAll(() => {
    redis?.kill()
  })

  it("hints seenBlocked only after Redis said blocked, per process, until the window ends", async () => {
    const settings = { max: 2, windowSeconds: 1 }
    const a = new RedisRateLimiter(url, settings, silent)
    const b = new RedisRateLimiter(url, settings, silent)
    await Promise.all([a.ready(), b.ready()])
    const bucket = `198.51.100.${Math.floor(Math.random() * 200)}`
    expect(await a.recordFailure(bucket)).toBeNull()
    expect(await a.recordFailure(bucket)).toBeNull()
    expect(a.seenBlocked(bucket)).toBe(false)
    expect(await a.recordFailure(bucket)).toBe(1)
    expect(a.seenBlocked(bucket)).toBe(true)
    // b has not asked yet: a hint is this process's memory, never shared state.
    expect(b.seenBlocked(bucket)).toBe(false)
    expect(await b.check(bucket)).toBe(1)
    expect(b.seenBlocked(bucket)).toBe(true)
    await new Promise((r) => setTimeout(r, 1100))
    expect(a.seenBlocked(bucket)).toBe(false)
    expect(await a.check(bucket)).toBeNull()
    await Promise.all([a.close(), b.close()])
  })

  it("shares one counter between instances (two limiters = two server processes)", async () => {
    const settings = { max: 4, windowSeconds: 30 }
    const a = new RedisRateLimiter(url, settings, silent)
    const b = new RedisRateLimiter(url, settings, silent)
    await Promise.all([a.ready(), b.ready()])
    const bucket = `203.0.113.${Math.floor(Math.random() * 200)}`
    await a.recordFailure(bucket)
    await b.recordFailure(bucket)
    await a.recordFailure(bucket)
    expect(await b.check(bucket)).toBeNull()
    await b.recordFailure(bucket)
    const retryA = await a.check(bucket)
    const retryB = await b.check(bucket)
    expect(retryA).toBeGreaterThan(25)
    expect(retryA).toBeLessThanOrEqual(30)
    expect(retryB).toBe(retryA)
    expect(await a.check("198.51.100.1")).toBeNull()
    await a.close()
    await b.close()
  })

  it("answers at most max failures per window to concurrent callers on two instances", async () => {
    const settings = { max: 20, windowSeconds: 30 }
    const a = new RedisRateLimiter(url, settings, silent)
    const b = new RedisRateLimiter(url, settings, silent)
    await Promise.all([a.ready(), b.ready()])
    const bucket = `192.0.2.${Math.floor(Math.random() * 200)}`
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).recordFailure(bucket))
    )
    expect(results.filter((r) => r === null)).toHaveLength(20)
    expect(results.filter((r) => r !== null).every((r) => r! > 25 && r! <= 30)).toBe(true)
    await a.close()
    await b.close()
  })
})

describe("RedisRateLimiter without Redis", () => {
  it("falls back to counting in memory and warns", async () => {
    const warnings: string[] = []
    const limiter = new RedisRateLimiter(`redis://127.0.0.1:${await freePort()}`, { max: 2, windowSeconds: 30 }, {
      warn: (m) => warnings.push(m),
    })
    const started = Date.now()
    await limiter.recordFailure("x")
    await limiter.recordFailure("x")
    expect(await limiter.check("x")).toBeGreaterThan(0)
    expect(Date.now() - started).toBeLessThan(50)
    await new Promise((r) => setTimeout(r, 300))
    expect(warnings.length).toBeGreaterThan(0)
    await limiter.close()
  })
})
