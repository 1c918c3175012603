// `npm run bench`: the Verify API under load, against GET /health of the same
// production server, in one run.
//
// 1. copies the app (src, medusa-config.ts, package.json, tsconfig.json) to a
//    temporary folder whose node_modules links to this one, and runs
//    `medusa build` there (so the working tree's .medusa/ is left alone);
// 2. starts an embedded PostgreSQL, migrates, and seeds 100,000 issued licenses
//    (cap 5, one activation each for a known domain last seen a day ago);
// 3. starts `medusa start` from .medusa/server with NODE_ENV=production;
// 4. runs autocannon, 20 connections, 10 s per scenario:
//      health   GET /health (the baseline)
//      known    verify of random known keys from their known domain (hot path)
//      machine  verify of random known keys from their known machine, by fingerprint (the same hot path)
//      new      verify of random keys from new domains (activation path)
//      unknown  verify of random well-formed unknown keys (not_found)
//    and prints req/s, p50, p99 and the ratio of each to the baseline, ending
//    with `verify/health = X.XX` (the hot path).
//
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 20),
// BENCH_LICENSES (default 100000), BENCH_KEEP=1 keeps the temp folder,
// BENCH_SCENARIOS=health,known runs only those (optional ones: pipeline, updates, quota, download; download
// alone runs only the 200 MB upload/download memory check), BENCH_SERVER_NODE_ARGS are
// given to the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import autocannon from "autocannon"
import fs from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { prepareAppCopy } from "../lib/app-copy.mjs"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN, run, startGroup, waitForHttp } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"
import { runDownloadScenario } from "./download-memory.mjs"

const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)
const LICENSES = Number(process.env.BENCH_LICENSES || 100_000)
const MEDUSA = path.join(BIN, "medusa")

let postgres = null
let server = null
let workDir = null

async function cleanup() {
  await server?.stop().catch(() => {})
  server = null
  await postgres?.stop().catch(() => {})
  postgres = null
  if (workDir && !process.env.BENCH_KEEP) {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
  workDir = null
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)))
process.on("SIGTERM", () => cleanup().then(() => process.exit(143)))

const step = (message) => console.log(`\n> ${message}`)

/** A copy of the app in a fresh temporary folder (removed by cleanup). */
function prepareApp() {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-bench-"))
  fs.chmodSync(workDir, 0o755)
  return prepareAppCopy(workDir)
}

/** 100,000 licenses and their known-domain activations, inserted in multi-row batches. */
async function seedLicenses(client, serverDir, secret) {
  const require = createRequire(path.join(serverDir, "package.json"))
  const { LicenseKeyVault } = require("./src/modules/license/rules/key-vault.js")
  const { formatLicenseKey, generateKeyBody, keyHint } = require("./src/modules/license/rules/license-key.js")
  const vault = new LicenseKeyVault(secret)
  const known = []
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString()
  const BATCH = 1000
  for (let start = 0; start < LICENSES; start += BATCH) {
    const licenseRows = []
    const activationRows = []
    const machineRows = []
    for (let i = start; i < Math.min(start + BATCH, LICENSES); i++) {
      const body = generateKeyBody()
      const id = `lic_bench${String(i).padStart(7, "0")}`
      const domain = `site-${i}.bench.example`
      // Each key holds two slots: its known domain and its known machine (docs/verify-api.md "Who the caller is").
      const fingerprint = `bench-machine-${String(i).padStart(7, "0")}-5f0c2a9e7d41b3c8`
      licenseRows.push([id, vault.hash(body), vault.encrypt(body), keyHint(body), "bench@example.com", "prod_bench", "variant_bench", "Bench Plugin", "5 sites", 5, 2])
      activationRows.push([`lact_bench${String(i).padStart(7, "0")}`, id, "domain", domain, dayAgo, dayAgo, "127.0.0.1"])
      machineRows.push([`lact_benchm${String(i).padStart(7, "0")}`, id, "machine", fingerprint, `Bench machine ${i}`, dayAgo, dayAgo, "127.0.0.1"])
      known.push({ key: formatLicenseKey(body, "CP"), domain, fingerprint })
    }
    await insertRows(client, "license", ["id", "key_hash", "key_encrypted", "key_hint", "customer_email", "product_id", "variant_id", "product_title", "variant_title", "max_activations", "activations_used"], licenseRows)
    await insertRows(client, "license_activation", ["id", "license_id", "kind", "identifier", "first_seen_at", "last_seen_at", "last_ip"], activationRows)
    await insertRows(client, "license_activation", ["id", "license_id", "kind", "identifier", "name", "first_seen_at", "last_seen_at", "last_ip"], machineRows)
  }
  await client.query("ANALYZE license; ANALYZE license_activation")
  // The "updates" scenario (docs/software-delivery.md): a few published releases of the bench product.
  await insertRows(client, "license_release", ["id", "product_id", "version", "channel", "status", "published_at", "artifact_file_id", "artifact_name", "artifact_size", "artifact_sha256"],
    ["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"].map((version, i) => [`lrel_bench${i}`, "prod_bench", version, version.includes("beta") ? "beta" : "stable", "published", dayAgo, `private-bench-${i}.zip`, `bench-${version}.zip`, 1000, "0".repeat(64)]))
  return { known, formatLicenseKey, generateKeyBody }
}

async function insertRows(client, table, columns, rows) {
  const params = []
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(", ")})`)
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params)
}

/**
 * Runs autocannon. `bodies` is a list of prepared bodies that every connection
 * cycles through (cheap for the load generator, which shares the 2 CPUs with
 * the server); `body` builds a fresh body per request (needed when every
 * request must be different, e.g. new domains).
 */
function load(url, { method = "GET", path: requestPath, body, bodies, duration = DURATION }) {
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
    autocannon({ url, connections: CONNECTIONS, duration, requests }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

/** CPU seconds (user + system) used so far by a process, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** CPU seconds of the PostgreSQL postmaster, its live backends, and the backends that have exited. */
function postgresCpuSeconds(dataDir) {
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

async function post(url, body) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
  return { status: res.status, data: await res.json() }
}

async function main() {
  const secrets = generateSecrets()
  const app = prepareApp()
  const serverDir = path.join(app, ".medusa", "server")

  step("medusa build (admin disabled)")
  const buildEnv = { ...process.env, ...secrets, MEDUSA_ADMIN_DISABLE: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
  await run(MEDUSA, ["build"], { env: buildEnv, cwd: app })

  step("embedded PostgreSQL")
  const pgPort = await freePort()
  const pgDataDir = path.join(workDir, "pg")
  postgres = await startEmbeddedPostgres({ dataDir: pgDataDir, port: pgPort, persistent: false })
  await postgres.ensureDatabase("bench")
  const env = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: postgres.url("bench"),
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    // The benchmark sends many not_found look-ups from one IP on purpose.
    LICENSE_VERIFY_RATE_LIMIT_MAX: "1000000000",
    LOG_LEVEL: "warn",
  }
  delete env.REDIS_URL

  step("migrations")
  await run(MEDUSA, ["db:migrate"], { env, cwd: serverDir })

  step(`seeding ${LICENSES.toLocaleString("en")} licenses`)
  const client = postgres.pg.getPgClient("bench", "127.0.0.1")
  await client.connect()
  const seedStarted = Date.now()
  const { known, formatLicenseKey, generateKeyBody } = await seedLicenses(client, serverDir, secrets.LICENSE_KEY_SECRET)
  console.log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`)

  step("medusa start (NODE_ENV=production)")
  const port = await freePort()
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []
  const cli = fs.realpathSync(MEDUSA)
  server = startGroup(process.execPath, [...nodeArgs, cli, "start", "--port", String(port)], {
    env: { ...env, PORT: String(port) },
    cwd: serverDir,
  })
  const url = `http://127.0.0.1:${port}`
  await Promise.race([
    waitForHttp(`${url}/health`, { timeoutMs: 120_000 }),
    server.exited.then(({ code }) => Promise.reject(new Error(`medusa start exited (${code})`))),
  ])

  const pick = () => known[Math.floor(Math.random() * known.length)]
  const unknownKeys = Array.from({ length: 20_000 }, () => formatLicenseKey(generateKeyBody(), "CP"))
  let runId = Date.now().toString(36)
  let newDomains = 0

  // Sanity: each scenario answers what it claims to measure.
  const sample = pick()
  const checks = {
    known: (await post(`${url}/licenses/verify`, { license_key: sample.key, domain: sample.domain })).data.code,
    machine: (await post(`${url}/licenses/verify`, { license_key: sample.key, fingerprint: sample.fingerprint })).data,
    new: (await post(`${url}/licenses/verify`, { license_key: pick().key, domain: `check-${runId}.new.example` })).data.code,
    unknown: (await post(`${url}/licenses/verify`, { license_key: unknownKeys[0] })).data.code,
  }
  const machineHeld = checks.machine.code === "valid" && checks.machine.identity?.kind === "machine" && checks.machine.license?.activations_used === 2
  console.log(`  sanity: known -> ${checks.known}, machine -> ${checks.machine.code} (${machineHeld ? "held" : "not the held machine"}), new -> ${checks.new}, unknown -> ${checks.unknown}`)
  if (checks.known !== "valid" || !machineHeld || checks.new !== "valid" || checks.unknown !== "not_found") {
    throw new Error("The scenarios do not answer as expected; not measuring.")
  }

  const allScenarios = [
    { name: "health", label: "GET /health (baseline)", method: "GET", path: "/health" },
    { name: "pipeline", label: "GET /licenses/public-key (no DB)", method: "GET", path: "/licenses/public-key", optional: true },
    { name: "known", label: "verify, known key + known domain", method: "POST", path: "/licenses/verify", bodies: () => Array.from({ length: 5000 }, () => { const k = pick(); return { license_key: k.key, domain: k.domain } }) },
    { name: "machine", label: "verify, known key + known machine", method: "POST", path: "/licenses/verify", bodies: () => Array.from({ length: 5000 }, () => { const k = pick(); return { license_key: k.key, fingerprint: k.fingerprint } }) },
    { name: "new", label: "verify, known key + new domain", method: "POST", path: "/licenses/verify", body: () => ({ license_key: pick().key, domain: `n${newDomains++}-${runId}.new.example` }) },
    { name: "updates", label: "update check, known key + domain", method: "POST", path: "/licenses/updates", optional: true, bodies: () => Array.from({ length: 5000 }, () => { const k = pick(); return { license_key: k.key, domain: k.domain, version: "1.1.0" } }) },
    { name: "unknown", label: "verify, well-formed unknown key", method: "POST", path: "/licenses/verify", bodies: () => unknownKeys.slice(0, 5000).map((key) => ({ license_key: key, domain: "x.example" })) },
    // The hot path of a product with a daily verify quota (docs/product-controls.md): the same verifies, each also
    // counted by the quota's one UPSERT; every call of the run lands on the product's one counter row (the worst case).
    {
      name: "quota", label: "verify, known key, quota product", method: "POST", path: "/licenses/verify", optional: true,
      bodies: () => Array.from({ length: 5000 }, () => { const k = pick(); return { license_key: k.key, domain: k.domain } }),
      before: () => client.query(
        `INSERT INTO license_product_setting (id, product_id, blocked_domains, blocked_ips, daily_verify_quota) VALUES ('lpset_bench', 'prod_bench', '{}', '{}', 1000000000)`
      ),
      after: () => client.query(`DELETE FROM license_product_setting WHERE id = 'lpset_bench'`),
    },
  ]
  /** One load run of a scenario, with its setting in place for the run only. */
  const runScenario = async (scenario, options = {}) => {
    await scenario.before?.()
    try {
      return await load(url, { ...scenario, ...options })
    } finally {
      await scenario.after?.()
    }
  }

  const only = process.env.BENCH_SCENARIOS?.split(",")
  const scenarios = allScenarios.filter((s) => s.name === "health" || (only ? only.includes(s.name) : !s.optional))
  // Optional "download" (scripts/bench/download-memory.mjs): the server's RSS around a 200 MB upload and download.
  if (only?.includes("download")) {
    const license = { id: "lic_bench0000000", ...known[0] }
    await runDownloadScenario({ server: { url, pid: server.child.pid }, app: { medusa: MEDUSA, env, serverDir, workDir }, db: client, license })
    if (only.every((name) => name === "download")) {
      await client.end()
      return
    }
  }

  step("warm-up (3 s each, not counted)")
  for (const scenario of scenarios) {
    await runScenario(scenario, { duration: 3 })
  }
  // New domains of the measured run must be new indeed.
  runId = `${runId}m`
  await client.query(`UPDATE license_activation SET last_seen_at = now() - interval '1 day' WHERE identifier LIKE '%.bench.example'`)

  // The quota scenario's counter: it must count exactly the calls answered while it ran.
  const quotaCount = async () =>
    (await client.query(`SELECT coalesce(sum(count), 0)::int AS n FROM license_quota_day WHERE product_id = 'prod_bench'`)).rows[0].n
  let quotaCounted = null

  step(`measuring: ${CONNECTIONS} connections, ${DURATION} s per scenario`)
  const results = {}
  for (const scenario of scenarios) {
    const cpuBefore = { server: cpuSeconds(server.child.pid), db: postgresCpuSeconds(pgDataDir) }
    const quotaBefore = scenario.name === "quota" ? await quotaCount() : 0
    const result = await runScenario(scenario)
    if (scenario.name === "quota") {
      quotaCounted = { counted: (await quotaCount()) - quotaBefore, answered: result.requests.total - result.non2xx }
    }
    const serverCpu = cpuSeconds(server.child.pid) - cpuBefore.server
    const dbCpu = postgresCpuSeconds(pgDataDir) - cpuBefore.db
    results[scenario.name] = {
      serverUs: (serverCpu / result.requests.total) * 1e6,
      dbUs: (dbCpu / result.requests.total) * 1e6,
      label: scenario.label,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    }
    console.log(`  ${scenario.name}: ${Math.round(result.requests.average)} req/s`)
  }

  await new Promise((r) => setTimeout(r, 6000)) // let the last last_seen_at batch land
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM license_activation WHERE identifier LIKE $1 AND released_at IS NULL`,
    [`%-${runId}.new.example`]
  )
  const { rows: seen } = await client.query(
    `SELECT count(*)::int AS n FROM license_activation WHERE identifier LIKE '%.bench.example' AND last_seen_at > now() - interval '5 minutes'`
  )
  await client.end()

  const baseline = results.health.rps
  const pad = (text, width) => String(text).padEnd(width)
  const lpad = (text, width) => String(text).padStart(width)
  console.log("\nVerify API benchmark")
  console.log(`  ${LICENSES.toLocaleString("en")} licenses, ${CONNECTIONS} connections, ${DURATION} s per scenario, ${os.cpus().length} CPUs, Node ${process.version}`)
  console.log(`  load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (other processes on the machine skew every figure)`)
  console.log(`\n  ${pad("scenario", 36)}${lpad("req/s", 9)}${lpad("p50 ms", 9)}${lpad("p99 ms", 9)}${lpad("non-2xx", 9)}${lpad("x health", 10)}${lpad("server CPU", 12)}${lpad("PG CPU", 10)}`)
  for (const r of Object.values(results)) {
    console.log(
      `  ${pad(r.label, 36)}${lpad(Math.round(r.rps), 9)}${lpad(r.p50, 9)}${lpad(r.p99, 9)}${lpad(r.non2xx + r.errors, 9)}` +
        `${lpad((r.rps / baseline).toFixed(2), 10)}${lpad(`${Math.round(r.serverUs)} µs`, 12)}${lpad(`${Math.round(r.dbUs)} µs`, 10)}`
    )
  }
  console.log("  (server CPU / PG CPU: CPU time used per request by the Medusa process / by PostgreSQL)")
  if (results.new) {
    console.log(`\n  new-domain scenario: ${rows[0].n} activations taken by ${results.new.total} requests`)
  }
  if (results.known) {
    console.log(`  known-domain scenario: ${seen[0].n} activations got a batched last_seen_at refresh`)
    if (results.machine) {
      console.log(`machine verify/health = ${(results.machine.rps / baseline).toFixed(2)} (known machine by fingerprint, beside the domain hot path)`)
    }
    if (results.quota) {
      console.log(`quota verify/health = ${(results.quota.rps / baseline).toFixed(2)} (the hot path of a product with a quota; ${quotaCounted.counted} calls counted, ${quotaCounted.answered} answered; ` +
          `counted minus answered is the requests in flight when the run stopped, at most ${CONNECTIONS})`)
    }
    console.log(`\nverify/health = ${(results.known.rps / baseline).toFixed(2)}`)
  }
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  })
