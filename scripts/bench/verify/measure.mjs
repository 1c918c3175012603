// Load generation and CPU accounting of the Verify bench (scripts/bench/verify-bench.mjs).
import autocannon from "autocannon"
import fs from "node:fs"
import path from "node:path"

/**
 * Runs autocannon. `bodies` is a list of prepared bodies that every connection
 * cycles through (cheap for the load generator, which shares the 2 CPUs with
 * the server); `body` builds a fresh body per request (needed when every
 * request must be different, e.g. new domains).
 */
export function load(url, { method = "GET", path: requestPath, body, bodies, duration, connections }) {
  return new Promise((resolve, reject) => {
    const json = { "content-type": "application/json" }
    let requests
    if (bodies) {
      requests = bodies().map((b) => ({ method, path: requestPath, headers: json, body: JSON.stringify(b) }))
    } else if (body) {
      requests = [
        {
          method,
          path: requestPath,
          headers: json,
          setupRequest: (req) => {
            req.body = JSON.stringify(body())
            return req
          },
        },
      ]
    } else {
      requests = [{ method, path: requestPath }]
    }
    autocannon({ url, connections, duration, requests }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

/** CPU seconds (user + system) used so far by a process, from /proc (Linux). */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/**
 * CPU seconds of the PostgreSQL postmaster, its live backends, and the backends that have exited.
 * With two bench servers on one PostgreSQL (--against) the idle one's backends add next to nothing.
 */
export function postgresCpuSeconds(dataDir) {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0])
    const stat = fs.readFileSync(`/proc/${postmaster}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    let total = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster) {
          total += cpuSeconds(entry)
        }
      } catch {}
    }
    return total
  } catch {
    return 0
  }
}

export async function post(url, body) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
  return { status: res.status, data: await res.json() }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
