// Plain node:http requests from a chosen loopback source address. The whole
// 127.0.0.0/8 is local on Linux, so each source address is a real, distinct
// client IP for the server's identity and rate limit (not a forged header).
import http from "node:http"

const agents = new Map()

export function agentFor(sourceIp) {
  let agent = agents.get(sourceIp)
  if (!agent) {
    // timeout: a socket idle in the pool is closed after 4 s, before the server's
    // keep-alive timeout (Node's default, 5 s) closes it: otherwise a request
    // sent on it just as the server closes it fails with ECONNRESET (a client
    // that pauses between bursts, like the brute-force rounds, hits that race).
    agent = new http.Agent({ keepAlive: true, localAddress: sourceIp, maxSockets: 64, timeout: 4000 })
    agents.set(sourceIp, agent)
  }
  return agent
}

export function closeAgents() {
  for (const agent of agents.values()) agent.destroy()
  agents.clear()
}

let ipCounter = 0
/** A fresh loopback address 127.1-254.x.y, never 127.0.0.1. */
export function freshIp() {
  ipCounter++
  const n = ipCounter
  return `127.${(Math.floor(n / 62500) % 250) + 1}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`
}

/**
 * One request. Resolves { status, text, json, ms, headers }; a connection error
 * (e.g. the server was killed) resolves with status 0 and `error`.
 */
export function request(base, { method = "GET", path, body, raw = false, contentType, headers = {}, from = "127.0.0.1", timeoutMs = 60_000 }) {
  return new Promise((resolve) => {
    const url = new URL(path, base)
    const allHeaders = { ...headers }
    let payload = null
    if (body !== undefined) {
      payload = raw ? body : JSON.stringify(body)
      if (contentType !== undefined) {
        if (contentType) allHeaders["content-type"] = contentType
      } else if (!raw) {
        allHeaders["content-type"] = "application/json"
      }
      allHeaders["content-length"] = Buffer.byteLength(payload)
    }
    const started = performance.now()
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: allHeaders, agent: agentFor(from), timeout: timeoutMs },
      (res) => {
        const chunks = []
        res.on("data", (c) => chunks.push(c))
        res.on("error", (error) => resolve({ status: 0, error, ms: performance.now() - started }))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          let json = null
          try {
            json = JSON.parse(text)
          } catch {}
          resolve({ status: res.statusCode, text, json, headers: res.headers, ms: performance.now() - started })
        })
      }
    )
    req.on("timeout", () => req.destroy(new Error("timeout")))
    req.on("error", (error) => resolve({ status: 0, error, ms: performance.now() - started }))
    if (payload !== null) req.write(payload)
    req.end()
  })
}

/** Runs `tasks` (functions returning promises) with at most `limit` in flight. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length)
  let next = 0
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]()
    }
  })
  await Promise.all(workers)
  return results
}

export function percentile(values, p) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
