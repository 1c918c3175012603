// `npm run test:cluster`: the plugin's promises under load and faults, on the
// scale-out topology of README "External PostgreSQL and Redis" (docs/proofs.md):
//
//   Redis (loopback, no persistence) + one embedded PostgreSQL
//   + two `medusa start` servers (MEDUSA_WORKER_MODE=server)
//   + one `medusa start` worker  (MEDUSA_WORKER_MODE=worker), all with REDIS_URL,
//
// from one production build (`medusa build` in a temporary copy of the app, so
// the working tree's .medusa/ is left alone). Then runs the checks against both
// servers at once, prints each check's figures, exits non-zero if any failed, and
// always stops everything it started (process groups, Redis, PostgreSQL).
//
//   1 cap      200 concurrent verifies from 200 new domains over both servers
//              against caps 1, 5 and 50
//   2 issue    100 orders checked out concurrently through both servers
//   3 crash    kill -9 of the worker while it issues a 50-unit order, and of a
//              server during a burst of activations; restart; recount
//   4 fuzz     10,000 random requests to every public and store route
//   5 brute    5,000 random well-formed keys from one IP, valid verifies from
//              other IPs during the attack, against the same during an equal
//              volume of valid verifies of 32 other licenses (the control)
//
// CLUSTER_CHECKS=cap,fuzz runs only those; CLUSTER_KEEP=1 keeps the temp folder
// (logs are in <tmp>/logs, printed at the end either way); CLUSTER_CPU_PROF=1
// writes V8 CPU profiles of both servers to <tmp>/logs/prof when they stop (the
// brute-force check then prints each phase's monotonic time span, to cut them).
import { spawnSync } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { prepareAppCopy } from "../lib/app-copy.mjs"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN, run, startGroup, waitForHttp } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"
import { closeAgents, freshIp, percentile, pool, request } from "./http.mjs"
import { placeOrder, registerCustomer } from "./store.mjs"

const MEDUSA = path.join(BIN, "medusa")
const ONLY = process.env.CLUSTER_CHECKS?.split(",").filter(Boolean)

let workDir = null
let postgres = null
let redis = null
const processes = new Map() // name -> { group, port, log }
let cleaningUp = null

async function cleanup() {
  cleaningUp ??= (async () => {
    closeAgents()
    for (const proc of processes.values()) await proc.group.stop(5000).catch(() => {})
    processes.clear()
    await redis?.stop(5000).catch(() => {})
    redis = null
    await postgres?.stop().catch(() => {})
    postgres = null
    if (workDir && !process.env.CLUSTER_KEEP) fs.rmSync(workDir, { recursive: true, force: true })
  })()
  return cleaningUp
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
  process.on(signal, () => cleanup().then(() => process.exit(code)))
}

const step = (message) => console.log(`\n> ${message}`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function ensureRedis() {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" })
  if (found.status === 0) return found.stdout.trim()
  step("installing redis-server (Debian package)")
  const install = spawnSync("sh", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server"], { stdio: "inherit" })
  if (install.status !== 0) throw new Error("could not install redis-server")
  return spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim()
}

async function startRedis(binary) {
  const port = await freePort()
  const dir = path.join(workDir, "redis")
  fs.mkdirSync(dir)
  const log = fs.openSync(path.join(workDir, "logs", "redis.log"), "a")
  const group = startGroup(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"], { stdio: ["ignore", log, log] })
  const deadline = Date.now() + 15000
  while (Date.now() < deadline) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" })
    if (ping.stdout?.trim() === "PONG") return { ...group, port, url: `redis://127.0.0.1:${port}` }
    if (ping.error) {
      // no redis-cli: fall back to a TCP connect
      const net = await import("node:net")
      const ok = await new Promise((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => { socket.end(); resolve(true) })
        socket.on("error", () => resolve(false))
      })
      if (ok) return { ...group, port, url: `redis://127.0.0.1:${port}` }
    }
    await sleep(200)
  }
  throw new Error("redis-server did not start")
}

let baseEnv = null
let serverDir = null

async function startMedusa(name, mode, port) {
  port ??= await freePort()
  const logPath = path.join(workDir, "logs", `${name}.log`)
  const log = fs.openSync(logPath, "a")
  const cli = fs.realpathSync(MEDUSA)
  // CLUSTER_CPU_PROF=1: V8 CPU profiles of the servers in <tmp>/logs/prof (written when they stop)
  const profile = process.env.CLUSTER_CPU_PROF && mode === "server" ? ["--cpu-prof", `--cpu-prof-dir=${path.join(workDir, "logs", "prof")}`, `--cpu-prof-name=${name}.cpuprofile`] : []
  const group = startGroup(process.execPath, [...profile, cli, "start", "--port", String(port)], {
    env: { ...baseEnv, PORT: String(port), MEDUSA_WORKER_MODE: mode },
    cwd: serverDir,
    stdio: ["ignore", log, log],
  })
  const proc = { group, port, log: logPath, url: `http://127.0.0.1:${port}`, name, mode }
  processes.set(name, proc)
  await Promise.race([
    waitForHttp(`${proc.url}/health`, { timeoutMs: 180_000 }),
    group.exited.then(({ code, signal }) => Promise.reject(new Error(`${name} exited (${code ?? signal}); see ${logPath}`))),
  ])
  return proc
}

/** kill -9 of the whole process group, no shutdown hooks. */
async function kill9(name) {
  const proc = processes.get(name)
  try {
    process.kill(-proc.group.child.pid, "SIGKILL")
  } catch {}
  await proc.group.exited
  processes.delete(name)
  return proc
}

// ---------------------------------------------------------------- database

let db = null
let keys = null // { vault, formatLicenseKey, generateKeyBody }

async function q(sql, params) {
  return (await db.query(sql, params)).rows
}

let licenseCounter = 0
/** Inserts licenses straight into the table, with the module's own key generator and vault. */
async function createLicenses(caps, { product = "prod_cluster", variant = "variant_cluster" } = {}) {
  const created = []
  for (const cap of caps) {
    const body = keys.generateKeyBody()
    const id = `lic_cluster${String(++licenseCounter).padStart(6, "0")}${crypto.randomBytes(3).toString("hex")}`
    await q(
      `INSERT INTO license (id, key_hash, key_encrypted, key_hint, customer_email, product_id, variant_id, product_title, variant_title, max_activations, activations_used)
       VALUES ($1,$2,$3,$4,'cluster@example.com',$5,$6,'Cluster Plugin',$7,$8,0)`,
      [id, keys.vault.hash(body), keys.vault.encrypt(body), keys.keyHint(body), product, variant, `${cap} sites`, cap]
    )
    created.push({ id, cap, key: keys.formatLicenseKey(body, "CP") })
  }
  return created
}

async function heldRows(licenseId) {
  return Number((await q(`SELECT count(*)::int AS n FROM license_activation WHERE license_id = $1 AND released_at IS NULL AND deleted_at IS NULL`, [licenseId]))[0].n)
}
async function used(licenseId) {
  return Number((await q(`SELECT activations_used FROM license WHERE id = $1`, [licenseId]))[0].activations_used)
}
/** Licenses whose activations_used differs from their held activation rows. */
async function countMismatches() {
  return q(`
    SELECT l.id, l.activations_used, count(a.id)::int AS held
      FROM license l LEFT JOIN license_activation a ON a.license_id = l.id AND a.released_at IS NULL AND a.deleted_at IS NULL
     WHERE l.deleted_at IS NULL
     GROUP BY l.id HAVING l.activations_used <> count(a.id)`)
}

// ---------------------------------------------------------------- checks

const servers = () => [processes.get("server-a"), processes.get("server-b")]
const figures = {}
class CheckFailure extends Error {}
function expect(condition, message) {
  if (!condition) throw new CheckFailure(message)
}
const tally = (items) => items.reduce((acc, x) => ((acc[x] = (acc[x] ?? 0) + 1), acc), {})

const verify = (server, body, from = freshIp()) => request(server.url, { method: "POST", path: "/licenses/verify", body, from })

async function checkCap() {
  const caps = [1, 5, 50]
  const licenses = await createLicenses(caps)
  const rows = []
  for (const license of licenses) {
    const [a, b] = servers()
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => verify(i % 2 ? b : a, { license_key: license.key, domain: `cap${license.cap}-${i}.cluster.example` }))
    )
    const codes = tally(results.map((r) => (r.status === 200 ? r.json?.code : `HTTP ${r.status}`)))
    const held = await heldRows(license.id)
    const count = await used(license.id)
    const fiveXx = results.filter((r) => r.status >= 500 || r.status === 0).length
    rows.push({ cap: license.cap, valid: codes.valid ?? 0, refused: codes.max_activations_exceeded ?? 0, held, activations_used: count, fiveXx, ms: Date.now() - started, codes })
    console.log(`  cap ${license.cap}: ${JSON.stringify(codes)}, activation rows ${held}, activations_used ${count}, 5xx/errors ${fiveXx}, ${Date.now() - started} ms`)
  }
  figures.cap = rows
  for (const r of rows) {
    expect(r.fiveXx === 0, `cap ${r.cap}: ${r.fiveXx} 5xx/connection errors`)
    expect(r.valid === r.cap, `cap ${r.cap}: ${r.valid} valid answers`)
    expect(r.refused === 200 - r.cap, `cap ${r.cap}: ${r.refused} refusals, expected ${200 - r.cap}`)
    expect(r.held === r.cap && r.activations_used === r.cap, `cap ${r.cap}: ${r.held} rows, activations_used ${r.activations_used}`)
  }
}

/** Waits until every order has its keys (or the timeout), returns the per-line shortfalls. */
async function waitForKeys(orders, timeoutMs) {
  const expected = new Map()
  for (const order of orders) for (const item of order.items) expected.set(item.id, item.quantity)
  const deadline = Date.now() + timeoutMs
  let problems = []
  let issued = 0
  do {
    const rows = await q(
      `SELECT line_item_id, count(*)::int AS n, count(DISTINCT unit_index)::int AS units, count(DISTINCT key_hash)::int AS hashes
         FROM license WHERE order_id = ANY($1) GROUP BY line_item_id`,
      [orders.map((o) => o.id)]
    )
    const got = new Map(rows.map((r) => [r.line_item_id, r]))
    issued = rows.reduce((s, r) => s + r.n, 0)
    problems = []
    for (const [lineId, quantity] of expected) {
      const row = got.get(lineId)
      if (!row || row.n !== quantity || row.units !== quantity || row.hashes !== quantity) problems.push({ lineId, quantity, got: row ?? null })
    }
    for (const lineId of got.keys()) if (!expected.has(lineId)) problems.push({ lineId, unexpected: got.get(lineId) })
    if (!problems.length) break
    await sleep(1000)
  } while (Date.now() < deadline)
  const units = [...expected.values()].reduce((s, n) => s + n, 0)
  return { problems, issued, units }
}

let store = null

async function checkIssuance() {
  const variants = Object.values(store.variants)
  const [a, b] = servers()
  const started = Date.now()
  const outcomes = await Promise.all(
    Array.from({ length: 100 }, (_, i) => {
      const items = [{ variant_id: variants[i % variants.length], quantity: 1 + (i % 3) }]
      if (i % 4 === 0) items.push({ variant_id: variants[(i + 1) % variants.length], quantity: 2 })
      return placeOrder(i % 2 ? b.url : a.url, store, items, { email: `buyer-${i}@cluster.example`, from: freshIp() }).then(
        (order) => ({ order }),
        (error) => ({ error })
      )
    })
  )
  const checkoutMs = Date.now() - started
  const failed = outcomes.filter((o) => o.error)
  const orders = outcomes.filter((o) => o.order).map((o) => o.order)
  const { problems, issued, units } = await waitForKeys(orders, 120_000)
  const totalMs = Date.now() - started
  figures.issue = { orders: orders.length, failedCheckouts: failed.length, units, issued, problems: problems.length, checkoutMs, totalMs }
  console.log(`  ${orders.length} orders placed (${failed.length} checkouts failed) in ${checkoutMs} ms; ${units} licensed units; ${issued} keys issued; ${problems.length} lines wrong; all keys after ${totalMs} ms`)
  for (const f of failed.slice(0, 3)) console.log(`    checkout error: ${f.error.message}`)
  for (const p of problems.slice(0, 5)) console.log(`    line problem: ${JSON.stringify(p)}`)
  expect(failed.length === 0, `${failed.length} checkouts failed`)
  expect(problems.length === 0 && issued === units, `${problems.length} order lines without exactly their keys (${issued}/${units})`)
}

/** A cart of `items` ready to complete (payment session set), as placeOrder builds it. */
async function cartReady(base, items, email) {
  const headers = { "x-publishable-api-key": store.publishable_key }
  const post = async (path, body) => {
    const res = await request(base, { method: "POST", path, body, headers })
    if (res.status !== 200) throw new Error(`POST ${path} -> ${res.status} ${res.text?.slice(0, 200)}`)
    return res.json
  }
  const { cart } = await post("/store/carts", { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email, items })
  const { payment_collection } = await post("/store/payment-collections", { cart_id: cart.id })
  await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  return { cartId: cart.id, complete: (server) => request(server.url, { method: "POST", path: `/store/carts/${cart.id}/complete`, body: {}, headers }) }
}

const keysOf = async (orderId) => Number((await q(`SELECT count(*)::int AS n FROM license WHERE order_id = $1`, [orderId]))[0].n)
const orderOfCart = async (cartId) => (await q(`SELECT order_id FROM order_cart WHERE cart_id = $1 AND deleted_at IS NULL`, [cartId]))[0]?.order_id ?? null
async function orderWithItems(orderId) {
  const items = await q(
    `SELECT oli.id, oi.quantity::int AS quantity FROM order_item oi JOIN order_line_item oli ON oli.id = oi.item_id
      WHERE oi.order_id = $1 AND oi.deleted_at IS NULL AND oi.version = (SELECT version FROM "order" WHERE id = $1)`,
    [orderId]
  )
  return { id: orderId, items }
}

/** Whether the worker's log says the reconciliation job issued the order's keys (the line follows the commit: wait up to 3 s). */
async function issuedByJob(orderId) {
  for (let i = 0; i < 30; i++) {
    if (newLogText("worker", 0).includes(`issued the missing keys of order ${orderId}`)) return true
    await sleep(100)
  }
  return false
}

async function checkCrash() {
  const variant = store.variants["5 sites"] ?? Object.values(store.variants)[0]
  const rows = []

  // (a) The worker runs the order.placed subscriber that issues keys: kill -9 it
  //     while the 50-unit checkout completes and its keys are being issued.
  {
    const cart = await cartReady(processes.get("server-a").url, [{ variant_id: variant, quantity: 50 }], "big-a@cluster.example")
    const workerPort = processes.get("worker").port
    const completing = cart.complete(processes.get("server-a"))
    let orderId = null
    for (let i = 0; i < 2000 && !orderId; i++) {
      orderId = await orderOfCart(cart.cartId)
      if (!orderId) await sleep(5)
    }
    await kill9("worker")
    const atKill = orderId ? await keysOf(orderId) : 0
    const answer = await completing
    orderId ??= answer.json?.order?.id
    console.log(`  (a) worker killed (-9) as the 50-unit order ${orderId} appeared: ${atKill} of 50 keys committed at the kill; checkout answered ${answer.status}`)
    const restartAt = Date.now()
    await startMedusa("worker", "worker", workerPort)
    const { problems, issued } = await waitForKeys([await orderWithItems(orderId)], 180_000)
    const ms = Date.now() - restartAt
    console.log(`      after the worker restart: ${issued} keys, ${problems.length} lines wrong, complete ${ms} ms after the restart`)
    const byJob = await issuedByJob(orderId)
    console.log(`      issued by: ${byJob ? "the reconciliation job" : "the order.placed subscriber (the event waited in Redis)"}`)
    rows.push({ scenario: "worker killed during issuance", atKill, issued, ms, byJob })
    expect(problems.length === 0 && issued === 50, `(a) the 50-unit order has ${issued} keys after the worker restart`)
  }

  // (b) kill -9 the server that is completing a 50-unit checkout. If the order was
  //     committed, its keys must come (subscriber or reconciliation job); if not,
  //     the storefront's retry on the other server must get exactly one order.
  {
    const a = processes.get("server-a")
    const cart = await cartReady(a.url, [{ variant_id: variant, quantity: 50 }], "big-b@cluster.example")
    const completing = cart.complete(a)
    let orderId = null
    for (let i = 0; i < 2000 && !orderId; i++) {
      orderId = await orderOfCart(cart.cartId)
      if (!orderId) await sleep(2)
    }
    await kill9("server-a")
    const answer = await completing
    const atKill = orderId ? await keysOf(orderId) : 0
    console.log(`  (b) server-a killed (-9) while completing a 50-unit checkout: order ${orderId ?? "not committed"}, ${atKill} keys at the kill, client got ${answer.status || answer.error?.code}`)
    const restartAt = Date.now()
    await startMedusa("server-a", "server", a.port)
    if (!orderId) {
      const retry = await cart.complete(processes.get("server-b"))
      orderId = retry.json?.order?.id ?? (await orderOfCart(cart.cartId))
      console.log(`      retried on server-b: ${retry.status}, order ${orderId}`)
    }
    const orders = await q(`SELECT count(*)::int AS n FROM order_cart WHERE cart_id = $1 AND deleted_at IS NULL`, [cart.cartId])
    const { problems, issued } = await waitForKeys([await orderWithItems(orderId)], 180_000)
    const ms = Date.now() - restartAt
    console.log(`      ${orders[0].n} order(s) for the cart; ${issued} keys, ${problems.length} lines wrong, complete ${ms} ms after the restart`)
    const byJob = await issuedByJob(orderId)
    console.log(`      issued by: ${byJob ? "the reconciliation job (order.placed was lost with the server)" : "the order.placed subscriber"}`)
    rows.push({ scenario: "server killed during checkout", atKill, issued, ms, orders: orders[0].n, byJob })
    expect(orders[0].n === 1, `(b) ${orders[0].n} orders for one cart`)
    expect(problems.length === 0 && issued === 50, `(b) the 50-unit order has ${issued} keys after the restart`)
  }

  // (c) a burst of 800 activations over both servers against four cap-50
  //     licenses; server-a is killed once a quarter of its answers are in.
  {
    const licenses = await createLicenses([50, 50, 50, 50])
    const a = processes.get("server-a")
    const b = processes.get("server-b")
    let answeredA = 0
    const burst = Promise.all(
      Array.from({ length: 800 }, (_, i) => {
        const onA = Math.floor(i / 4) % 2 === 0
        return verify(onA ? a : b, { license_key: licenses[i % 4].key, domain: `crash-${i}.cluster.example` }).then((r) => {
          if (onA && r.status) answeredA++
          return { ...r, onA }
        })
      })
    )
    const killStarted = Date.now()
    while (answeredA < 100 && Date.now() - killStarted < 30_000) await sleep(2)
    await kill9("server-a")
    const results = await burst
    const byStatus = tally(results.map((r) => `${r.onA ? "a" : "b"}:${r.status === 200 ? r.json?.code : r.status === 0 ? "connection error" : `HTTP ${r.status}`}`))
    console.log(`  (c) server-a killed (-9) after ${answeredA} of its 400 answers: ${JSON.stringify(byStatus)}`)
    await startMedusa("server-a", "server", a.port)
    const mismatches = await countMismatches()
    const perLicense = []
    for (const l of licenses) perLicense.push(`${await heldRows(l.id)}/${await used(l.id)}`)
    const bErrors = results.filter((r) => !r.onA && (r.status >= 500 || r.status === 0)).length
    console.log(`      after restart: held rows/activations_used per license ${perLicense.join(", ")}; licenses (all ${(await q("SELECT count(*)::int AS n FROM license"))[0].n}) where they disagree: ${mismatches.length}; server-b 5xx/errors ${bErrors}`)
    rows.push({ scenario: "server killed during activation burst", answeredA, byStatus, perLicense, mismatches: mismatches.length, bErrors })
    expect(mismatches.length === 0, `activations_used disagrees with held rows on ${mismatches.length} licenses: ${JSON.stringify(mismatches.slice(0, 5))}`)
    expect(bErrors === 0, `server-b answered ${bErrors} requests with 5xx/errors while server-a died`)
  }
  figures.crash = rows
}

// Every table: row count and a checksum of its rows (minus the columns that
// valid verifies may change).
const VOLATILE = { license: ["activations_used", "updated_at"] }
// Tables valid requests write: activations and their events, and the daily verify usage counts.
const ACTIVATION_TABLES = new Set(["license_activation", "license_event", "license_usage_day"])
async function snapshot() {
  const tables = (await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => r.tablename)
  const result = {}
  for (const table of tables) {
    const strip = (VOLATILE[table] ?? []).map((c) => ` - '${c}'`).join("")
    const [row] = await q(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x, '' ORDER BY x)), '') AS sum FROM (SELECT md5((to_jsonb(t)${strip})::text) AS x FROM "${table}" t) s`)
    result[table] = row
  }
  return result
}

function logBytes() {
  return Object.fromEntries([...processes.values()].map((p) => [p.name, fs.statSync(p.log).size]))
}
const UNHANDLED = /unhandledRejection|Unhandled ?Rejection|UnhandledPromiseRejection|uncaughtException|triggerUncaughtException/i
function newLogText(name, from) {
  const proc = processes.get(name)
  const fd = fs.openSync(proc.log, "r")
  const size = fs.fstatSync(fd).size
  const buffer = Buffer.alloc(Math.max(0, size - (from ?? 0)))
  fs.readSync(fd, buffer, 0, buffer.length, from ?? 0)
  fs.closeSync(fd)
  return buffer.toString("utf8")
}

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

async function checkFuzz(total = 10_000) {
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

/** CPU seconds used so far by each of our process groups (and this process), from /proc. */
function cpuSnapshot() {
  const groups = new Map([[process.pid, "client"]])
  for (const [name, proc] of processes) groups.set(proc.group.child.pid, name)
  if (redis) groups.set(redis.child.pid, "redis")
  const out = { client: 0, "server-a": 0, "server-b": 0, worker: 0, redis: 0, postgres: 0, other: 0 }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
    } catch {
      continue
    }
    const close = stat.lastIndexOf(")")
    const comm = stat.slice(stat.indexOf("(") + 1, close)
    const fields = stat.slice(close + 2).split(" ")
    const pgid = Number(fields[2])
    const ticks = Number(fields[11]) + Number(fields[12])
    const name = Number(entry) === process.pid ? "client" : groups.get(pgid) ?? (comm.startsWith("postgres") ? "postgres" : "other")
    out[name] += ticks / 100
  }
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number)
  out.busy = (user + nice + system + irq + softirq + steal) / 100
  out.idle = (idle + iowait) / 100
  return out
}
const cpuDelta = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, +(b[k] - a[k]).toFixed(2)]))

/**
 * Runs `tasks` with `concurrency` in flight while probing valid verifies (4 in
 * flight) until they are done; returns the probe results and the phase's costs.
 */
async function loadPhase(tasks, concurrency, probe, name = "phase") {
  const t0 = process.hrtime.bigint() / 1000n
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const cpu0 = cpuSnapshot()
  const started = Date.now()
  let done = false
  const load = pool(tasks, concurrency).then((results) => ((done = true), results))
  const probes = []
  while (!done) probes.push(...(await probe(20, 4)))
  const results = await load
  const ms = Date.now() - started
  lag.disable()
  if (process.env.CLUSTER_CPU_PROF) console.log(`  [prof] ${name} monotonic us ${t0} .. ${process.hrtime.bigint() / 1000n}`)
  const cpu = cpuDelta(cpu0, cpuSnapshot())
  return { results, probes, ms, cpu, lagP50: lag.percentile(50) / 1e6, lagP99: lag.percentile(99) / 1e6 }
}

async function checkBrute(attempts = 5_000, rounds = 5) {
  const [a, b] = servers()
  const licenses = await createLicenses([0])
  const good = licenses[0]
  const goodIps = Array.from({ length: 40 }, () => freshIp())
  // warm: each good client activates its domain once
  await Promise.all(goodIps.map((ip, i) => verify(i % 2 ? b : a, { license_key: good.key, domain: `good-${i}.cluster.example` }, ip)))
  const probe = async (n, concurrency) => {
    const tasks = Array.from({ length: n }, (_, i) => () => verify(i % 2 ? b : a, { license_key: good.key, domain: `good-${i % 40}.cluster.example` }, goodIps[i % 40]))
    return pool(tasks, concurrency)
  }
  // Control clients: 32 other IPs, each with its own license (distinct keys, as
  // the attack's are), activated once so the control is the hot path too.
  const controlLicenses = await createLicenses(Array.from({ length: 32 }, () => 0))
  const controlIps = Array.from({ length: 32 }, () => freshIp())
  await Promise.all(controlIps.map((ip, i) => verify(i % 2 ? b : a, { license_key: controlLicenses[i].key, domain: `control-${i}.cluster.example` }, ip)))

  const guess = (from) => (i) => verify(i % 2 ? b : a, { license_key: keys.formatLicenseKey(keys.generateKeyBody(), "CP"), domain: "brute.example" }, from)
  const controlOne = (i) => verify(i % 2 ? b : a, { license_key: controlLicenses[i % 32].key, domain: `control-${i % 32}.cluster.example` }, controlIps[i % 32])
  const tasks = (from, to, send) => Array.from({ length: to - from }, (_, i) => () => send(from + i))

  // Warm-up, so that neither phase pays for the servers' first JIT compilation:
  // both paths (a blocked IP's 429s, valid verifies), then the idle probe.
  const warm = await loadPhase([...tasks(0, 1000, guess(freshIp())), ...tasks(0, 1000, controlOne)].sort(() => Math.random() - 0.5), 32, probe, "warm-up")
  const cpu0 = cpuSnapshot()
  const baseline = await probe(300, 4)
  const idleCpu = cpuDelta(cpu0, cpuSnapshot())

  // Attack and control alternate in rounds, so drifts in the shared machine's
  // load hit both alike. All rounds must fit in one rate-limit window (checked
  // below), so the attacker's budget is counted once.
  const attacker = freshIp()
  const attack = [], control = []
  const perRound = attempts / rounds
  const attackStarted = Date.now()
  for (let round = 0; round < rounds; round++) {
    attack.push(await loadPhase(tasks(round * perRound, (round + 1) * perRound, guess(attacker)), 32, probe, `attack ${round}`))
    if (round < rounds - 1 || rounds === 1) control.push(await loadPhase(tasks(round * perRound, (round + 1) * perRound, controlOne), 32, probe, `control ${round}`))
  }
  const attackSpanMs = Date.now() - attackStarted
  if (rounds > 1) control.push(await loadPhase(tasks((rounds - 1) * perRound, attempts, controlOne), 32, probe, `control ${rounds - 1}`))
  const merge = (phases) => ({
    results: phases.flatMap((x) => x.results),
    probes: phases.flatMap((x) => x.probes),
    ms: phases.reduce((s, x) => s + x.ms, 0),
    cpu: Object.fromEntries(Object.keys(phases[0].cpu).map((k) => [k, +phases.reduce((s, x) => s + x.cpu[k], 0).toFixed(2)])),
    lagP50: Math.max(...phases.map((x) => x.lagP50)),
    lagP99: Math.max(...phases.map((x) => x.lagP99)),
    p50s: phases.map((x) => p(x.probes, 50)),
  })
  const ok = (rs) => rs.filter((r) => r.status === 200 && r.json?.code === "valid")
  const p = (rs, q) => percentile(ok(rs).map((r) => r.ms), q)
  const attackAll = merge(attack), controlAll = merge(control)
  const attackCodes = tally(attackAll.results.map((r) => (r.status === 200 ? r.json?.code : `HTTP ${r.status}`)))
  const found = attackAll.results.filter((r) => r.status === 200 && r.json?.code === "valid").length
  const p50Before = p(baseline, 50)
  const p50During = p(attackAll.probes, 50)
  const p99During = p(attackAll.probes, 99)
  const p50Control = p(controlAll.probes, 50)
  const ratio = p50During / p50Before
  const notFound = attackCodes.not_found ?? 0
  const limited = attackCodes["HTTP 429"] ?? 0
  const budget = Number(process.env.LICENSE_VERIFY_RATE_LIMIT_MAX || 20)
  const windowMs = 1000 * Number(process.env.LICENSE_VERIFY_RATE_LIMIT_WINDOW_SECONDS || 60)
  const goodFailures = attackAll.probes.length - ok(attackAll.probes).length
  const controlValid = ok(controlAll.results).length
  const describe = (name, phase) => {
    const servers = phase.cpu["server-a"] + phase.cpu["server-b"]
    console.log(`  ${name}: ${phase.results.length} requests in ${phase.ms} ms (${Math.round((phase.results.length * 1000) / phase.ms)}/s) + ${phase.probes.length} probes; probe p50 ${p(phase.probes, 50).toFixed(1)} ms p90 ${p(phase.probes, 90).toFixed(1)} ms${phase.p50s ? ` (rounds ${phase.p50s.map((x) => x.toFixed(1)).join(", ")})` : ""}; load-request p50 ${percentile(phase.results.map((r) => r.ms), 50).toFixed(1)} ms; client event-loop delay p50 ${phase.lagP50.toFixed(1)} ms p99 ${phase.lagP99.toFixed(1)} ms`)
    console.log(`    CPU s ${JSON.stringify(phase.cpu)}; servers ${((servers * 1000) / (phase.results.length + phase.probes.length)).toFixed(2)} ms CPU per request, client ${((phase.cpu.client * 1000) / (phase.results.length + phase.probes.length)).toFixed(2)} ms`)
  }
  figures.brute = { attempts, attackMs: attackAll.ms, attackCodes, found, budget, notFound, limited, validDuring: ok(attackAll.probes).length, goodFailures, p50Before, p50During, p99During, ratio, controlMs: controlAll.ms, p50Control, controlRatio: p50Control / p50Before, attackSpanMs, attackCpu: attackAll.cpu, controlCpu: controlAll.cpu }
  console.log(`  ${attempts} random keys from ${attacker} over both servers in ${rounds} rounds, ${attackAll.ms} ms (first to last ${attackSpanMs} ms, with ${rounds - 1} control rounds between): ${JSON.stringify(attackCodes)}; keys found ${found}`)
  console.log(`  budget ${budget} failed look-ups per window: ${notFound} answered not_found, then ${limited} rate-limited`)
  console.log(`  idle: probe p50 ${p50Before.toFixed(1)} ms; CPU s ${JSON.stringify(idleCpu)}`)
  describe("warm-up", warm)
  describe("attack", attackAll)
  describe("control (32 licenses)", controlAll)
  console.log(`  valid verifies from 40 other IPs: p50 before ${p50Before.toFixed(1)} ms, during ${p50During.toFixed(1)} ms (p99 ${p99During.toFixed(1)} ms); ratio ${ratio.toFixed(2)}; not valid ${goodFailures}; control p50 ${p50Control.toFixed(1)} ms; attack/control ${(p50During / p50Control).toFixed(2)}`)
  expect(found === 0, `${found} keys found`)
  expect(attackSpanMs < windowMs, `the attack's rounds took ${attackSpanMs} ms, more than one rate-limit window (${windowMs} ms): its budget is counted more than once`)
  expect(notFound === budget, `${notFound} look-ups answered before the limit, budget ${budget}`)
  expect(limited === attempts - budget, `${limited} rate-limited, expected ${attempts - budget}`)
  expect(goodFailures === 0, `${goodFailures} valid verifies from other IPs failed during the attack`)
  expect(controlValid === attempts, `${attempts - controlValid} control verifies were not valid`)
  expect(p50During <= 1.5 * p50Control, `valid-verify p50 during the attack ${p50During.toFixed(1)} ms is over 1.5x the p50 under equal valid traffic (${p50Control.toFixed(1)} ms)`)
}

// ---------------------------------------------------------------- main

async function main() {
  const redisBinary = ensureRedis()
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-cluster-"))
  fs.chmodSync(workDir, 0o755)
  fs.mkdirSync(path.join(workDir, "logs"))
  console.log(`work folder ${workDir}`)
  const secrets = generateSecrets()
  const app = prepareAppCopy(workDir, ["scripts/seed.ts", "scripts/lib/seed-demo-store.ts"])
  serverDir = path.join(app, ".medusa", "server")

  step("medusa build (admin disabled)")
  const common = { ...process.env, ...secrets, MEDUSA_ADMIN_DISABLE: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
  delete common.REDIS_URL
  await run(MEDUSA, ["build"], { env: common, cwd: app })

  step("embedded PostgreSQL + Redis")
  postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), persistent: false })
  await postgres.ensureDatabase("cluster")
  redis = await startRedis(redisBinary)
  console.log(`  PostgreSQL :${postgres.port}, Redis ${redis.url}`)

  step("migrations + seed (once)")
  const dbEnv = { ...common, DATABASE_URL: postgres.url("cluster") }
  await run(MEDUSA, ["db:migrate"], { env: { ...dbEnv, NODE_ENV: "production" }, cwd: serverDir })
  const seedOutput = path.join(workDir, "seed.json")
  await run(MEDUSA, ["exec", "./scripts/seed.ts"], { env: { ...dbEnv, NODE_ENV: "development", SEED_OUTPUT: seedOutput }, cwd: app })
  store = JSON.parse(fs.readFileSync(seedOutput, "utf8"))

  db = postgres.pg.getPgClient("cluster", "127.0.0.1")
  await db.connect()
  const require = createRequire(path.join(serverDir, "package.json"))
  const { LicenseKeyVault } = require("./src/modules/license/rules/key-vault.js")
  keys = { vault: new LicenseKeyVault(secrets.LICENSE_KEY_SECRET), ...require("./src/modules/license/rules/license-key.js") }

  baseEnv = {
    ...dbEnv,
    NODE_ENV: "production",
    REDIS_URL: redis.url,
    LOG_LEVEL: "info",
    LICENSE_RECONCILE_GRACE_SECONDS: "10",
    // configured, so the fuzz reaches the Stripe hook's signature check
    STRIPE_LICENSE_WEBHOOK_SECRET: `whsec_${crypto.randomBytes(24).toString("hex")}`,
  }
  step("medusa start: worker, server-a, server-b (NODE_ENV=production, REDIS_URL)")
  await startMedusa("worker", "worker")
  await Promise.all([startMedusa("server-a", "server"), startMedusa("server-b", "server")])
  for (const p of processes.values()) console.log(`  ${p.name} (${p.mode}) ${p.url}, log ${p.log}`)

  const checks = [
    ["cap", "1. cap across instances", checkCap],
    ["issue", "2. issuance across instances", checkIssuance],
    ["fuzz", "4. fuzz", () => checkFuzz()],
    ["brute", "5. brute force", () => checkBrute()],
    ["crash", "3. crash recovery", checkCrash],
  ]
  const outcome = []
  for (const [id, title, fn] of checks) {
    if (ONLY && !ONLY.includes(id)) continue
    step(title)
    const started = Date.now()
    try {
      await fn()
      outcome.push([title, "PASS", Date.now() - started])
    } catch (error) {
      console.log(`  FAILED: ${error instanceof CheckFailure ? error.message : error.stack}`)
      outcome.push([title, "FAIL", Date.now() - started])
    }
  }
  await db.end().catch(() => {})
  db = null

  console.log("\nCluster checks")
  for (const [title, result, ms] of outcome) console.log(`  ${result}  ${title}  (${(ms / 1000).toFixed(1)} s)`)
  console.log(`\nfigures ${JSON.stringify(figures)}`)
  console.log(`server logs: ${path.join(workDir, "logs")}${process.env.CLUSTER_KEEP ? "" : " (removed; CLUSTER_KEEP=1 keeps them)"}`)
  return outcome.every(([, result]) => result === "PASS")
}

main()
  .then(async (passed) => {
    await cleanup()
    process.exit(passed ? 0 : 1)
  })
  .catch(async (error) => {
    console.error(error)
    await db?.end().catch(() => {})
    await cleanup()
    process.exit(1)
  })
