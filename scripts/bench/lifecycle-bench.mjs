// `npm run bench:lifecycle`: how long a 100-unit order waits for its keys, and
// whether ONE run of the renewal-reminder job sends 10,000 reminders within the
// database pool (docs/performance.md "Issuance of a 100-unit order and renewal
// reminders").
//
// 1. copies the app to a temporary folder and runs `medusa build` there (the
//    working tree's .medusa/ is left alone), starts an embedded PostgreSQL,
//    migrates and seeds the demo store (scripts/seed.ts, as the cluster does);
// 2. registers one webhook endpoint for license.issued (a local HTTP receiver
//    answering 200), so every order also queues and sends its webhooks;
// 3. starts `medusa start` (NODE_ENV=production) and places real orders through
//    the store API (scripts/cluster/store.mjs: cart, system payment session,
//    complete), each of ONE line of quantity 100 of a licensed variant; for each
//    it prints the time from the complete-cart response to the moment the
//    order's 100 keys are visible (the database polled every 10 ms), and the
//    keys' last created_at minus the order's created_at (the database clock);
//    then checks 100 distinct keys, 100 `issued` history rows, one license.issued
//    webhook delivery per key and one issuance e-mail per order; prints the
//    median and PASS/FAIL against 1,000 ms;
// 4. stops the server, seeds BENCH_REMINDERS (10,000) active keys of a renewable
//    policy whose 7-days-before reminder is due, and runs the built job once
//    through `medusa exec` (scripts/bench/run-reminder-job.cjs), sampling
//    pg_stat_activity every 50 ms: reminders sent by that run, notification rows
//    made, wall time, peak connections against the pool size.
//
// Environment: BENCH_ORDERS (measured 100-unit orders, default 7, after one
// warm-up order), BENCH_UNITS (default 100), BENCH_REMINDERS (default 10000),
// BENCH_KEEP=1 keeps the temp folder, BENCH_PART=issuance|reminders runs one part.
import crypto from "node:crypto"
import fs from "node:fs"
import http from "node:http"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { prepareAppCopy } from "../lib/app-copy.mjs"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN, ROOT, run, startGroup, waitForHttp } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"
import { closeAgents } from "../cluster/http.mjs"
import { placeOrder } from "../cluster/store.mjs"

const ORDERS = Number(process.env.BENCH_ORDERS || 7)
const UNITS = Number(process.env.BENCH_UNITS || 100)
const REMINDERS = Number(process.env.BENCH_REMINDERS || 10_000)
const PART = process.env.BENCH_PART ?? "all"
const GOAL_MS = 1000
const MEDUSA = path.join(BIN, "medusa")

let postgres = null
let server = null
let receiver = null
let workDir = null

async function cleanup() {
  closeAgents()
  await server?.stop().catch(() => {})
  server = null
  receiver?.close()
  receiver = null
  await postgres?.stop().catch(() => {})
  postgres = null
  if (workDir && !process.env.BENCH_KEEP) fs.rmSync(workDir, { recursive: true, force: true })
  workDir = null
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)))
process.on("SIGTERM", () => cleanup().then(() => process.exit(143)))

const step = (message) => console.log(`\n> ${message}`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A local HTTP receiver for the webhook endpoint: answers 200 to everything and counts the POSTs. */
async function startReceiver() {
  let received = 0
  const srv = http.createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      received++
      res.writeHead(200).end("ok")
    })
  })
  await new Promise((resolve) => srv.listen(0, "127.0.0.1", resolve))
  return { url: `http://127.0.0.1:${srv.address().port}/hooks`, received: () => received, close: () => srv.close() }
}

async function startServer(env, serverDir) {
  const port = await freePort()
  const log = fs.openSync(path.join(workDir, "server.log"), "a")
  server = startGroup(process.execPath, [fs.realpathSync(MEDUSA), "start", "--port", String(port)], {
    env: { ...env, PORT: String(port) },
    cwd: serverDir,
    stdio: ["ignore", log, log],
  })
  const url = `http://127.0.0.1:${port}`
  await Promise.race([
    waitForHttp(`${url}/health`, { timeoutMs: 180_000 }),
    server.exited.then(({ code }) => Promise.reject(new Error(`medusa start exited (${code}); see ${path.join(workDir, "server.log")}`))),
  ])
  return url
}

/** One 100-unit order: the checkout, then the database polled every 10 ms until its keys are all there. */
async function measureOrder(db, url, store, variantId, index) {
  const order = await placeOrder(url, store, [{ variant_id: variantId, quantity: UNITS }], { email: `bulk-${index}@bench.example` })
  const responded = performance.now()
  const deadline = responded + 60_000
  let count = 0
  while (performance.now() < deadline) {
    count = (await db.query(`SELECT count(*)::int AS n FROM license WHERE order_id = $1`, [order.id])).rows[0].n
    if (count >= UNITS) break
    await sleep(10)
  }
  const visibleMs = performance.now() - responded
  const { rows: [split] } = await db.query(
    `SELECT extract(epoch FROM (max(l.created_at) - o.created_at)) * 1000 AS ms
       FROM license l JOIN "order" o ON o.id = l.order_id WHERE l.order_id = $1 GROUP BY o.created_at`,
    [order.id]
  )
  return { orderId: order.id, count, visibleMs, commitMs: Number(split?.ms ?? NaN) }
}

/** The "exactly once" checks of one order, after its webhooks and e-mail had time to be queued. */
async function checkOrder(db, orderId) {
  const { rows: [keys] } = await db.query(
    `SELECT count(*)::int AS n, count(DISTINCT key_hash)::int AS hashes, count(DISTINCT unit_index)::int AS units
       FROM license WHERE order_id = $1`,
    [orderId]
  )
  const { rows: [history] } = await db.query(
    `SELECT count(*)::int AS n, count(DISTINCT e.license_id)::int AS licenses
       FROM license_event e JOIN license l ON l.id = e.license_id WHERE l.order_id = $1 AND e.type = 'issued'`,
    [orderId]
  )
  const { rows: [webhooks] } = await db.query(
    `SELECT count(*)::int AS n, count(DISTINCT d.license_id)::int AS licenses
       FROM license_webhook_delivery d JOIN license l ON l.id = d.license_id WHERE l.order_id = $1 AND d.type = 'license.issued'`,
    [orderId]
  )
  const { rows: [notices] } = await db.query(`SELECT count(*)::int AS n FROM license_issuance_notice WHERE order_id = $1`, [orderId])
  const problems = []
  if (keys.n !== UNITS || keys.hashes !== UNITS || keys.units !== UNITS) problems.push(`keys ${keys.n}, distinct ${keys.hashes}, units ${keys.units}`)
  if (history.n !== UNITS || history.licenses !== UNITS) problems.push(`issued events ${history.n} for ${history.licenses} keys`)
  if (webhooks.n !== UNITS || webhooks.licenses !== UNITS) problems.push(`license.issued deliveries ${webhooks.n} for ${webhooks.licenses} keys`)
  if (notices.n !== 1) problems.push(`issuance e-mails ${notices.n}`)
  return problems
}

async function benchIssuance({ db, url, store, vault }) {
  receiver = await startReceiver()
  const secret = `whsec_${crypto.randomBytes(24).toString("base64url")}`
  await db.query(
    `INSERT INTO license_webhook_endpoint (id, url, description, events, enabled, keyport_compatible, secret_encrypted, secret_hint)
     VALUES ('lwhe_bench', $1, 'bench receiver', '{license.issued}', true, false, $2, $3)`,
    [receiver.url, vault.encrypt(secret), secret.slice(-4)]
  )
  const variantId = store.variants["5 sites"]
  step(`issuance: 1 warm-up order + ${ORDERS} measured orders of one line × ${UNITS} units`)
  const warmUp = await measureOrder(db, url, store, variantId, 0)
  console.log(`  warm-up: ${warmUp.count} keys visible ${warmUp.visibleMs.toFixed(0)} ms after the checkout answered (not counted)`)
  const results = []
  for (let i = 1; i <= ORDERS; i++) {
    const result = await measureOrder(db, url, store, variantId, i)
    results.push(result)
    console.log(
      `  order ${i}: ${result.count} keys visible ${result.visibleMs.toFixed(0)} ms after the checkout answered; ` +
        `last key created ${result.commitMs.toFixed(0)} ms after the order row`
    )
  }
  // Webhooks and the e-mail are queued after the keys: give them a moment before counting.
  const orderIds = [warmUp, ...results].map((r) => r.orderId)
  let problems = []
  for (let attempt = 0; attempt < 30; attempt++) {
    problems = []
    for (const id of orderIds) problems.push(...(await checkOrder(db, id)).map((p) => `${id}: ${p}`))
    if (!problems.length) break
    await sleep(1000)
  }
  const visible = median(results.map((r) => r.visibleMs))
  const commit = median(results.map((r) => r.commitMs))
  console.log(`\n  checks: ${problems.length ? `FAILED\n    ${problems.join("\n    ")}` : `every order: ${UNITS} distinct keys, ${UNITS} issued history rows, one license.issued webhook per key, one e-mail`}`)
  console.log(`  webhook POSTs received so far: ${receiver.received()} (the rest are the retry job's; not measured here)`)
  return { visible, commit, problems, orders: results.length }
}

/** BENCH_REMINDERS active keys of a renewable policy, each with its 7-days-before reminder due an hour ago. */
async function seedReminderLicenses(db, variantId, productId) {
  await db.query(`UPDATE license_policy SET renewable = true, reminder_offsets_days = NULL WHERE variant_id = $1`, [variantId])
  await db.query(
    `INSERT INTO license (id, key_hash, key_encrypted, key_hint, customer_email, product_id, variant_id, product_title,
                          variant_title, max_activations, activations_used, status, expires_at)
     SELECT 'lic_remind' || lpad(i::text, 7, '0'), md5('remind-' || i), 'not-a-real-key', upper(substr(md5('hint-' || i), 1, 5)),
            'owner-' || i || '@bench.example', $2, $1, 'Pro Plugin', 'Single site', 1, 0, 'active',
            now() + interval '7 days' - interval '1 hour'
       FROM generate_series(1, $3::int) AS i`,
    [variantId, productId, REMINDERS]
  )
  await db.query("ANALYZE license")
}

async function benchReminders({ db, env, serverDir, store }) {
  step(`reminders: seeding ${REMINDERS.toLocaleString("en")} keys with one reminder due`)
  await seedReminderLicenses(db, store.variants["Single site"], store.product_id)
  const countNotifications = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM notification WHERE template = 'license-renewal-reminder'`)).rows[0].n
  const before = await countNotifications()

  step("reminders: ONE run of the built job through medusa exec, pg_stat_activity sampled every 50 ms")
  const runner = path.join(serverDir, "bench-run-reminder-job.js")
  fs.copyFileSync(path.join(ROOT, "scripts/bench/run-reminder-job.cjs"), runner)
  const output = path.join(workDir, "reminder-job.json")
  const ready = path.join(workDir, "reminder-job.ready")
  const connections = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`)).rows[0].n
  const idle = await connections()
  let peak = 0
  let peakDuringRun = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const n = await connections()
      peak = Math.max(peak, n)
      if (fs.existsSync(ready)) peakDuringRun = Math.max(peakDuringRun, n)
      await sleep(50)
    }
  })()
  const started = performance.now()
  await run(MEDUSA, ["exec", "./bench-run-reminder-job.js"], {
    env: { ...env, BENCH_JOB_OUTPUT: output, BENCH_JOB_READY: ready },
    cwd: serverDir,
  })
  const execMs = performance.now() - started
  sampling = false
  await sampler
  const job = JSON.parse(fs.readFileSync(output, "utf8"))
  const made = (await countNotifications()) - before
  const { rows: [claims] } = await db.query(
    `SELECT count(*)::int AS n, count(sent_at)::int AS sent, count(DISTINCT license_id)::int AS licenses FROM license_renewal_reminder`
  )
  const { rows: [duplicates] } = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT "to" FROM notification WHERE template = 'license-renewal-reminder' GROUP BY "to" HAVING count(*) > 1) d`
  )
  console.log(`  reminders sent by the one run: ${job.sent}`)
  console.log(`  notification rows made: ${made} (addresses with more than one: ${duplicates.n})`)
  console.log(`  license_renewal_reminder rows: ${claims.n}, marked sent: ${claims.sent}, distinct keys: ${claims.licenses}`)
  console.log(`  job wall time: ${(job.ms / 1000).toFixed(2)} s (medusa exec as a whole, boot included: ${(execMs / 1000).toFixed(1)} s)`)
  console.log(
    `  PostgreSQL connections to the database: ${idle} before (the bench's own), peak ${peakDuringRun} while the job ran ` +
      `(${peak} at any moment of medusa exec, boot included); the exec process's pool: min ${job.poolMin}, max ${job.poolMax}`
  )
  return { job, made, peakDuringRun, idle, duplicates: duplicates.n }
}

async function main() {
  const secrets = generateSecrets()
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-lifecycle-bench-"))
  fs.chmodSync(workDir, 0o755)
  const app = prepareAppCopy(workDir, ["scripts/seed.ts", "scripts/lib/seed-demo-store.ts"])
  const serverDir = path.join(app, ".medusa", "server")

  step("medusa build (admin disabled)")
  const common = { ...process.env, ...secrets, MEDUSA_ADMIN_DISABLE: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
  delete common.REDIS_URL
  await run(MEDUSA, ["build"], { env: common, cwd: app })

  step("embedded PostgreSQL, migrations, demo store")
  postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), persistent: false })
  await postgres.ensureDatabase("bench")
  const env = {
    ...common,
    DATABASE_URL: postgres.url("bench"),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "true",
  }
  await run(MEDUSA, ["db:migrate"], { env, cwd: serverDir })
  const seedOutput = path.join(workDir, "seed.json")
  await run(MEDUSA, ["exec", "./scripts/seed.ts"], { env: { ...env, NODE_ENV: "development", SEED_OUTPUT: seedOutput }, cwd: app })
  const store = JSON.parse(fs.readFileSync(seedOutput, "utf8"))

  const db = postgres.pg.getPgClient("bench", "127.0.0.1")
  await db.connect()
  const require = createRequire(path.join(serverDir, "package.json"))
  const { LicenseKeyVault } = require("./src/modules/license/rules/key-vault.js")
  const vault = new LicenseKeyVault(secrets.LICENSE_KEY_SECRET)

  let issuance = null
  if (PART !== "reminders") {
    step("medusa start (NODE_ENV=production)")
    const url = await startServer(env, serverDir)
    issuance = await benchIssuance({ db, url, store, vault })
    await server.stop()
    server = null
  }
  const reminders = PART !== "issuance" ? await benchReminders({ db, env, serverDir, store }) : null
  await db.end()

  console.log(`\nLifecycle benchmark (${os.cpus().length} CPUs, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")})`)
  let failed = false
  if (issuance) {
    const pass = issuance.visible <= GOAL_MS && !issuance.problems.length
    failed ||= !pass
    console.log(
      `  ${UNITS}-unit order keyed: median ${issuance.visible.toFixed(0)} ms from the checkout's answer to all keys visible ` +
        `(median ${issuance.commit.toFixed(0)} ms from the order row to the last key), ${issuance.orders} orders: ` +
        `${pass ? "PASS" : "FAIL"} (goal ≤ ${GOAL_MS} ms${issuance.problems.length ? "; exactly-once checks failed" : ""})`
    )
  }
  if (reminders) {
    const pass = reminders.job.sent === REMINDERS && reminders.made === REMINDERS && reminders.duplicates === 0 && reminders.peakDuringRun - reminders.idle <= reminders.job.poolMax
    failed ||= !pass
    console.log(
      `  reminders: ${reminders.job.sent} of ${REMINDERS} sent by one job run in ${(reminders.job.ms / 1000).toFixed(2)} s, ` +
        `peak ${reminders.peakDuringRun - reminders.idle} job connections (pool max ${reminders.job.poolMax}): ${pass ? "PASS" : "FAIL"}`
    )
  }
  return failed
}

main()
  .then(async (failed) => {
    await cleanup()
    process.exit(failed ? 1 : 0)
  })
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  })
