import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import net from "node:net"
import { RedisRateLimiter } from "../redis-rate-limiter"

// Runs against a real redis-server when one is installed (apt install redis-server);
// the fallback test below needs none.
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

;(hasRedis ? describe : describe.skip)("RedisRateLimiter against redis-server", () => {
  let redis: ChildProcess
  let url: string

  beforeAll(async () => {
    const port = await freePort()
    redis = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" })
    url = `redis://127.0.0.1:${port}`
    await new Promise((r) => setTimeout(r, 300))
  })

  afterAll(() => {
    redis?.kill()
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
