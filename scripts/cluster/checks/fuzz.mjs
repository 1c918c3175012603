// 4. fuzz: 10,000 random requests to every public and store route; no 5xx,
// no unhandled rejection, no table changed but by the valid verifies.
import crypto from "node:crypto"
import { freshIp, pool, request } from "../http.mjs"
import { registerCustomer } from "../store.mjs"
import { countMismatches, createLicenses, expect, figures, logBytes, newLogText, processes, q, servers, sleep, store, verify } from "../setup.mjs"

// Every table: row count and a checksum of its rows (minus the columns that
// valid verifies may change).
const VOLATILE = { license: ["activations_used", "updated_at"] }
// Tables valid requests write: activations and their events, and the daily verify usage counts.
const ACTIVATION_TABLES = new Set(["license_activation", "license_event", "license_usage_day"])
// Tables whose rows a job rewrites without changing what they say, compared by what they say: the license counts'
// rows, which the fold job (src/jobs/fold-license-counts.ts) folds into one per bucket.
const READ_AS = {
  license_count_bucket: `SELECT status, expires_on, sum(licenses) AS licenses FROM license_count_bucket GROUP BY 1, 2 HAVING sum(licenses) <> 0`,
}
async function snapshot() {
  const tables = (await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => r.tablename)
  const result = {}
  for (const table of tables) {
    const strip = (VOLATILE[table] ?? []).map((c) => ` - '${c}'`).join("")
    const rows = READ_AS[table] ? `(${READ_AS[table]})` : `"${table}"`
    const [row] = await q(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x, '' ORDER BY x)), '') AS sum FROM (SELECT md5((to_jsonb(t)${strip})::text) AS x FROM ${rows} t) s`)
    result[table] = row
  }
  return result
}

const UNHANDLED = /unhandledRejection|Unhandled ?Rejection|UnhandledPromiseRejection|uncaughtException|triggerUncaughtException/i

/** Percent-encodes every UTF-8 byte; a lone surrogate becomes U+FFFD instead of throwing. */
const percentEncode = (text) => [...Buffer.from(String(text), "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")

function prng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function checkFuzz(total = 10_000) {
  const [license] = await createLicenses([0])
  const token = await registerCustomer(servers()[0].url, store, `fuzz-${Date.now()}@cluster.example`)
  const random = prng(20261123)
  const pick = (items) => items[Math.floor(random() * items.length)]
  const strings = [
    license.key, license.key.toLowerCase(), "", " ", "CP-", "' OR '1'='1", "'; DROP TABLE license; --", "1; SELECT pg_sleep(5)",
    "%00%27", "\u0000", "\ud800", "🔑🔑🔑", "ñandú.example", "مثال.إختبار", "x".repeat(300), "x".repeat(5000), "$".repeat(1024),
    "__proto__", "constructor", "https://[::1]:80/", "http://user@evil.example:99999/", "..", "../../etc/passwd", "%2e%2e%2f", "-.example",
    "lic_00000000000000000000000000", "lact_x", "null", "undefined", "NaN", "1e999", "-1", "9".repeat(400),
  ]
  const values = [
    () => pick(strings), () => Math.floor(random() * 1e9) * (random() < 0.5 ? -1 : 1), () => random(), () => random() < 0.5, () => null,
    () => [pick(strings)], () => ({ $gt: "" }), () => ({ nested: { deep: [1, { x: pick(strings) }] } }), () => Array.from({ length: 50 }, () => pick(strings)).join(""),
  ]
  const fields = ["license_key", "domain", "product_id", "variant_id", "__proto__", "constructor", "extra", "id", "limit", "offset", "q", "status"]
  const rawBodies = [
    ["{", "application/json"], ['{"license_key":}', "application/json"], ["[]", "application/json"], ['"s"', "application/json"], ["1e999999", "application/json"],
    ['{"__proto__":{"polluted":true},"license_key":"x"}', "application/json"], ["license_key[]=a&license_key[]=b", "application/x-www-form-urlencoded"],
    ["license_key=%ZZ%&domain=%E0%A4%A", "application/x-www-form-urlencoded"], [Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), "application/x-www-form-urlencoded"],
    ['--b\r\nContent-Disposition: form-data; name="license_key"\r\n\r\nx\r\n--b--', "multipart/form-data; boundary=b"], ["license_key=x", "text/plain"],
    ['{"license_key":"x"}', ""], ["\u0000\u0001\u0002", "application/octet-stream"], ["x".repeat(2_000_000), "application/json"],
  ]
  const segment = () => percentEncode(String(pick(values)()).slice(0, 500))
  const routes = [
    () => "/licenses/verify", () => "/licenses/deactivate", () => "/licenses/public-key", () => `/licenses/public-key?format=${segment()}`,
    () => "/hooks/licenses/stripe", () => "/store/customers/me/licenses", () => `/store/customers/me/licenses?limit=${segment()}&offset=${segment()}&q=${segment()}`,
    () => `/store/customers/me/licenses/${segment()}`, () => `/store/customers/me/licenses/${segment()}/activations/${segment()}`,
    () => `/licenses/${segment()}`, () => `/store/customers/me/licenses/..%2f..%2fadmin`,
  ]
  const methods = ["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"]

  const before = await snapshot()
  const [{ now: fuzzStartedAt }] = await q("SELECT now() AS now")
  const logFrom = logBytes()
  const statuses = {}
  const fiveXx = []
  let injectedValid = 0
  // Verify answers about a found license are counted in license_usage_day (docs/product-controls.md#usage).
  let usageEarned = 0
  const usageTotal = async () => Number((await q(`SELECT coalesce(sum(count), 0) AS n FROM license_usage_day`))[0].n)
  await sleep(6000) // counts of the earlier checks still in the servers' memory land first
  const usageBefore = await usageTotal()
  const tasks = Array.from({ length: total }, (_, i) => async () => {
    const server = servers()[i % 2]
    if (i % 25 === 0) {
      // a valid verify from a new domain among the noise: it must earn exactly one activation
      const res = await verify(server, { license_key: license.key, domain: `fuzz-valid-${i}.cluster.example` })
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      if (res.status === 200 && res.json?.license) usageEarned++
      if (res.status === 200 && res.json?.code === "valid") injectedValid++
      else fiveXx.push({ server: server.name, path: "/licenses/verify (valid)", status: res.status, answer: res.text?.slice(0, 200) })
      return
    }
    const path = pick(routes)()
    const method = random() < 0.7 ? (path.startsWith("/licenses/public-key") || path.startsWith("/store") ? pick(["GET", "DELETE"]) : "POST") : pick(methods)
    const headers = {}
    if (path.startsWith("/store") && random() < 0.8) headers["x-publishable-api-key"] = random() < 0.9 ? store.publishable_key : pick(strings).replace(/[^\x20-\x7e]/g, "")
    if (random() < 0.5) headers.authorization = random() < 0.8 ? `Bearer ${token}` : `Bearer ${pick(strings).replace(/[^\x20-\x7e]/g, "")}`
    if (path.startsWith("/hooks") && random() < 0.5) headers["stripe-signature"] = `t=${Math.floor(Date.now() / 1000)},v1=${crypto.randomBytes(32).toString("hex")}`
    let options
    if (method === "GET" || method === "HEAD" || method === "OPTIONS" || random() < 0.1) {
      options = { method, path, headers }
    } else if (random() < 0.15) {
      const [body, contentType] = pick(rawBodies)
      options = { method, path, headers, body, raw: true, contentType }
    } else {
      const body = {}
      for (const field of fields) if (random() < 0.5) body[field] = pick(values)()
      if (random() < 0.25) {
        const form = Object.entries(body).map(([k, v]) => `${percentEncode(k)}=${percentEncode(typeof v === "string" ? v : JSON.stringify(v) ?? "")}`).join("&")
        options = { method, path, headers, body: form, raw: true, contentType: "application/x-www-form-urlencoded" }
      } else {
        options = { method, path, headers, body }
      }
    }
    const res = await request(server.url, { ...options, from: freshIp() })
    if (method === "POST" && path === "/licenses/verify" && res.status === 200 && res.json?.license) usageEarned++
    const key = res.status === 0 ? `error:${res.error?.code ?? res.error?.message}` : res.status
    statuses[key] = (statuses[key] ?? 0) + 1
    if (res.status >= 500 || (res.status === 0 && !(typeof options.body === "string" && options.body.length > 1_000_000))) {
      fiveXx.push({ server: server.name, method, path: path.slice(0, 120), status: res.status, error: res.error?.message, answer: res.text?.slice(0, 200) })
    }
  })
  const started = Date.now()
  await pool(tasks, 32)
  const ms = Date.now() - started
  await sleep(6000) // let batched last_seen_at writes land
  const after = await snapshot()
  const changed = []
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    // license_job_cursor: the reconciliation job's clock, moved every minute whatever the requests do
    if (ACTIVATION_TABLES.has(table) || table === "license_job_cursor") continue
    if (JSON.stringify(before[table]) !== JSON.stringify(after[table])) changed.push(`${table} (${before[table]?.n} -> ${after[table]?.n} rows)`)
  }
  // the only activations: those of the valid key (cap 0, so every valid domain earned one)
  const activations = await q(`SELECT l.id = $1 AS ours, count(*)::int AS n FROM license_activation a JOIN license l ON l.id = a.license_id WHERE a.created_at >= $2 GROUP BY 1`, [license.id, fuzzStartedAt])
  const otherActivations = activations.filter((r) => !r.ours).reduce((s, r) => s + r.n, 0)
  const earned = activations.filter((r) => r.ours).reduce((s, r) => s + r.n, 0)
  const activationDelta = after.license_activation.n - before.license_activation.n
  const unhandled = []
  const alive = []
  for (const proc of processes.values()) {
    const text = newLogText(proc.name, logFrom[proc.name])
    for (const line of text.split("\n")) if (UNHANDLED.test(line)) unhandled.push(`${proc.name}: ${line.slice(0, 200)}`)
    if (proc.group.child.exitCode !== null || proc.group.child.signalCode !== null) alive.push(`${proc.name} died`)
  }
  const mismatches = await countMismatches()
  const usageCounted = (await usageTotal()) - usageBefore
  figures.fuzz = { total, injectedValid, ms, statuses, fiveXx: fiveXx.length, unhandled: unhandled.length, changedTables: changed, activationDelta, earned, mismatches: mismatches.length, usageCounted, usageEarned }
  console.log(`  ${total} requests in ${ms} ms over both servers; statuses ${JSON.stringify(statuses)}`)
  console.log(`  5xx/errors: ${fiveXx.length}; unhandled rejections in server logs: ${unhandled.length}; processes died: ${alive.length}`)
  console.log(`  tables changed (besides activations/events): ${changed.length ? changed.join(", ") : "none"}; new activation rows ${activationDelta} (valid key ${earned}, earned by ${injectedValid} valid verifies from new domains; other licenses ${otherActivations}); count mismatches ${mismatches.length}`)
  console.log(`  usage counted ${usageCounted}, verify answers about a license ${usageEarned}`)
  for (const f of fiveXx.slice(0, 5)) console.log(`    5xx: ${JSON.stringify(f)}`)
  for (const u of unhandled.slice(0, 5)) console.log(`    ${u}`)
  expect(usageCounted === usageEarned, `usage counted ${usageCounted}, verify answers about a license ${usageEarned}`)
  expect(fiveXx.length === 0, `${fiveXx.length} 5xx/connection errors`)
  expect(unhandled.length === 0, `${unhandled.length} unhandled rejections in the server logs`)
  expect(alive.length === 0, alive.join(", "))
  expect(changed.length === 0, `tables changed: ${changed.join(", ")}`)
  expect(otherActivations === 0 && activationDelta === earned, `activations not earned by the valid key: ${activationDelta - earned}`)
  expect(earned === injectedValid, `the valid key holds ${earned} new activations, ${injectedValid} valid verifies from new domains earned them`)
  expect(mismatches.length === 0, "activations_used disagrees with held rows")
}
