// The cluster of `npm run test:cluster` (scripts/cluster/test-cluster.mjs runs
// it, then each check in scripts/cluster/checks/): Redis (loopback, no
// persistence) + one embedded PostgreSQL + two `medusa start` servers
// (MEDUSA_WORKER_MODE=server) + one `medusa start` worker
// (MEDUSA_WORKER_MODE=worker), all with REDIS_URL, from one production build
// (`medusa build` in a temporary copy of the app, so the working tree's
// .medusa/ is left alone); and the helpers the checks share (the database,
// license rows, the servers, the figures and the check failures).
import { spawnSync } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { prepareAppCopy } from "../lib/app-copy.mjs"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN, run, startGroup, waitForHttp } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"
import { closeAgents, freshIp, request } from "./http.mjs"

const MEDUSA = path.join(BIN, "medusa")

export let workDir = null
let postgres = null
export let redis = null
export const processes = new Map() // name -> { group, port, log }
let cleaningUp = null

export async function cleanup() {
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

export const step = (message) => console.log(`\n> ${message}`)
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

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

export async function startMedusa(name, mode, port) {
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
export async function kill9(name) {
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
export let keys = null // { vault, formatLicenseKey, generateKeyBody }

export async function q(sql, params) {
  return (await db.query(sql, params)).rows
}

let licenseCounter = 0
/** Inserts licenses straight into the table, with the module's own key generator and vault. */
export async function createLicenses(caps, { product = "prod_cluster", variant = "variant_cluster" } = {}) {
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

export async function heldRows(licenseId) {
  return Number((await q(`SELECT count(*)::int AS n FROM license_activation WHERE license_id = $1 AND released_at IS NULL AND deleted_at IS NULL`, [licenseId]))[0].n)
}
export async function used(licenseId) {
  return Number((await q(`SELECT activations_used FROM license WHERE id = $1`, [licenseId]))[0].activations_used)
}
/** Licenses whose activations_used differs from their held activation rows. */
export async function countMismatches() {
  return q(`
    SELECT l.id, l.activations_used, count(a.id)::int AS held
      FROM license l LEFT JOIN license_activation a ON a.license_id = l.id AND a.released_at IS NULL AND a.deleted_at IS NULL
     WHERE l.deleted_at IS NULL
     GROUP BY l.id HAVING l.activations_used <> count(a.id)`)
}

// ---------------------------------------------------------------- shared by the checks

export const servers = () => [processes.get("server-a"), processes.get("server-b")]
export const figures = {}
export class CheckFailure extends Error {}
export function expect(condition, message) {
  if (!condition) throw new CheckFailure(message)
}
export const tally = (items) => items.reduce((acc, x) => ((acc[x] = (acc[x] ?? 0) + 1), acc), {})

export const verify = (server, body, from = freshIp()) => request(server.url, { method: "POST", path: "/licenses/verify", body, from })

/** Waits until every order has its keys (or the timeout), returns the per-line shortfalls. */
export async function waitForKeys(orders, timeoutMs) {
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

export let store = null

export function logBytes() {
  return Object.fromEntries([...processes.values()].map((p) => [p.name, fs.statSync(p.log).size]))
}
export function newLogText(name, from) {
  const proc = processes.get(name)
  const fd = fs.openSync(proc.log, "r")
  const size = fs.fstatSync(fd).size
  const buffer = Buffer.alloc(Math.max(0, size - (from ?? 0)))
  fs.readSync(fd, buffer, 0, buffer.length, from ?? 0)
  fs.closeSync(fd)
  return buffer.toString("utf8")
}

// ---------------------------------------------------------------- start

/** Builds the app, starts PostgreSQL, Redis, the worker and both servers; migrates and seeds once. */
export async function startCluster() {
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
}

/** Ends the checks' database connection. */
export async function closeDatabase() {
  await db?.end().catch(() => {})
  db = null
}
