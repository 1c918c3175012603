// `npm run bench:admin`: the admin's license list, search, filters, detail page, Licensing overview and CSV export
// at 1,000,000 licenses (with their activations and history), through the real admin API of a production server.
//
// 1. copies the app to a temporary folder and runs `medusa build` there (as scripts/bench/verify-bench.mjs);
// 2. starts an embedded PostgreSQL, migrates, and seeds the licenses: keys from the real key vault (hashed and
//    encrypted in Node, loaded with unnest()), every other column generated in SQL (INSERT ... SELECT over
//    generate_series): ~200,000 customers, 50 products of 3 variants, one order per 2 keys, active / revoked /
//    suspended / expired / in-grace keys, 1-2 activations and 1-3 history events per license; then ANALYZE;
// 3. starts `medusa start` (NODE_ENV=production), creates an admin user (`medusa user`) and logs in;
// 4. sends every list request the Licenses page can send (limit 20, its default order), the detail page's requests
//    and the Licensing overview: 5 warm-up + BENCH_ADMIN_REQUESTS (default 30) sequential requests each, and
//    prints p50 / p95 / max ms and PASS/FAIL against 50 ms;
// 5. downloads GET /admin/licenses/export (every license), counting rows, while sampling the server's RSS
//    (/proc/<pid>/status VmRSS) every 200 ms: prints RSS before / peak / after, peak minus before, rows/s.
//
// Environment: BENCH_ADMIN_LICENSES (default 1000000), BENCH_ADMIN_REQUESTS (default 30), BENCH_ADMIN_WARMUP (default 5),
// BENCH_ADMIN_EXPLAIN=1 prints PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of every statement each measured request
// runs (auto_explain, switched on for one extra request after the measurement), BENCH_ADMIN_ONLY=name,name runs
// only those queries, BENCH_ADMIN_SKIP_EXPORT=1 skips the export, BENCH_ADMIN_DATA=<dir> keeps the PostgreSQL data
// (and the secrets) in <dir> and reuses a seed of the same size on the next run (for iterating; new migrations run),
// BENCH_ADMIN_SERVER_NODE_ARGS are given to the server's node (e.g. "--max-old-space-size=256").
import fs from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { randomBytes } from "node:crypto"
import { prepareAppCopy } from "../lib/app-copy.mjs"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN, rssMb, run, startGroup, waitForHttp } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"

const LICENSES = Number(process.env.BENCH_ADMIN_LICENSES || 1_000_000)
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS || 30)
const WARMUP = Number(process.env.BENCH_ADMIN_WARMUP || 5)
const GOAL_MS = 50
const EXPLAIN = process.env.BENCH_ADMIN_EXPLAIN === "1"
const ONLY = process.env.BENCH_ADMIN_ONLY?.split(",").filter(Boolean)
const DATA_DIR = process.env.BENCH_ADMIN_DATA ? path.resolve(process.env.BENCH_ADMIN_DATA) : null
const MEDUSA = path.join(BIN, "medusa")
const CUSTOMERS = Math.max(10, Math.round(LICENSES / 5))
const PRODUCTS = 50
const VARIANTS_PER_PRODUCT = 3
const KNOWN_KEYS = 200

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
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1)

/** PostgreSQL's log, kept so that the auto_explain plans of one request can be cut out of it. */
const pgLog = { text: "" }
const logSink = (message) => {
  if (EXPLAIN) pgLog.text += String(message)
}

/**
 * The licenses. Keys come from the real vault (so a search by full key finds its license and the export can
 * decrypt every key); the rest of each row is derived from its number n in SQL. Returns a few known rows.
 */
async function seedLicenses(client, serverDir, secret) {
  const require = createRequire(path.join(serverDir, "package.json"))
  const { LicenseKeyVault } = require("./src/modules/license/rules/key-vault.js")
  const { formatLicenseKey, generateKeyBody, keyHint } = require("./src/modules/license/rules/license-key.js")
  const vault = new LicenseKeyVault(secret)

  await client.query(`CREATE UNLOGGED TABLE bench_key (n int PRIMARY KEY, key_hash text, key_encrypted text, key_hint text)`)
  const started = Date.now()
  const known = []
  const BATCH = 20_000
  for (let start = 1; start <= LICENSES; start += BATCH) {
    const ns = []
    const hashes = []
    const sealed = []
    const hints = []
    for (let n = start; n < Math.min(start + BATCH, LICENSES + 1); n++) {
      const body = generateKeyBody()
      ns.push(n)
      hashes.push(vault.hash(body))
      sealed.push(vault.encrypt(body))
      hints.push(keyHint(body))
      if (known.length < KNOWN_KEYS && n % Math.max(1, Math.floor(LICENSES / KNOWN_KEYS)) === 0) {
        known.push({ n, key: formatLicenseKey(body, "CP"), hint: keyHint(body) })
      }
    }
    await client.query(
      `INSERT INTO bench_key SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
      [ns, hashes, sealed, hints]
    )
  }
  console.log(`  keys generated and loaded in ${seconds(started)} s`)

  // n's customer, order and product: an order holds keys 2k-1 and 2k; customers and products are spread by
  // multiplicative hashing so that neighbouring orders belong to different customers and products.
  const licenseStarted = Date.now()
  await client.query(`
    INSERT INTO license (id, key_hash, key_encrypted, key_hint, status, suspension, customer_id, customer_email,
                         order_id, order_display_id, line_item_id, unit_index, product_id, variant_id, product_title,
                         variant_title, expires_at, max_activations, activations_used, grace_days, revoked_at,
                         revoke_reason, created_at, updated_at)
    SELECT 'lic_b' || lpad(k.n::text, 8, '0'), k.key_hash, k.key_encrypted, k.key_hint,
           CASE WHEN k.n % 20 = 7 THEN 'revoked' WHEN k.n % 100 = 13 THEN 'suspended' ELSE 'active' END,
           CASE WHEN k.n % 100 = 13 THEN 'manual' END,
           'cus_b' || c.id, 'customer' || c.id || '@mail' || (c.id % 97) || '.example.com',
           'order_b' || o.id, 1000 + o.id, 'item_b' || k.n, 0,
           'prod_b' || p.id, 'variant_b' || p.id || '_' || v.id, 'Bench product ' || p.id,
           (ARRAY['Single site', '5 sites', 'Unlimited sites'])[v.id + 1],
           CASE WHEN k.n % 10 < 3 THEN NULL ELSE t.created_at + interval '365 days' END,
           (ARRAY[1, 5, 0])[v.id + 1],
           1 + k.n % 2,
           CASE WHEN k.n % 4 = 0 THEN 14 ELSE 0 END,
           CASE WHEN k.n % 20 = 7 THEN t.created_at + interval '30 days' END,
           CASE WHEN k.n % 20 = 7 THEN 'refund' END,
           t.created_at, t.created_at
      FROM bench_key k
      CROSS JOIN LATERAL (SELECT (k.n + 1) / 2 AS id) o
      CROSS JOIN LATERAL (SELECT (o.id::bigint * 7919) % ${CUSTOMERS} AS id) c
      CROSS JOIN LATERAL (SELECT (o.id::bigint * 104729) % ${PRODUCTS} AS id) p
      CROSS JOIN LATERAL (SELECT k.n % ${VARIANTS_PER_PRODUCT} AS id) v
      -- Two years of sales up to now, oldest first; the two keys of an order share their timestamp.
      CROSS JOIN LATERAL (SELECT now() - interval '730 days' * (1 - o.id::float8 / ${Math.ceil(LICENSES / 2)}) AS created_at) t
  `)
  console.log(`  ${LICENSES.toLocaleString("en")} licenses in ${seconds(licenseStarted)} s`)

  // 1-2 activations per license (as many as it uses), one freed earlier on every third license.
  const activationStarted = Date.now()
  await client.query(`
    INSERT INTO license_activation (id, license_id, kind, identifier, name, first_seen_at, last_seen_at, last_ip,
                                    released_at, released_by, created_at, updated_at)
    SELECT 'lact_b' || lpad(k.n::text, 8, '0') || '_' || s.i, 'lic_b' || lpad(k.n::text, 8, '0'),
           CASE WHEN s.i = 1 THEN 'domain' ELSE 'machine' END,
           CASE WHEN s.i = 1 THEN 'site-' || k.n || '.example.com' ELSE 'machine-' || k.n || '-' || s.i END,
           CASE WHEN s.i = 1 THEN NULL ELSE 'Machine ' || k.n END,
           l.created_at + interval '1 hour', now() - interval '1 day', '203.0.113.' || (k.n % 250),
           NULL, NULL, l.created_at + interval '1 hour', l.created_at + interval '1 hour'
      FROM bench_key k
      JOIN license l ON l.id = 'lic_b' || lpad(k.n::text, 8, '0')
      CROSS JOIN LATERAL generate_series(1, 1 + k.n % 2) AS s(i)
    UNION ALL
    SELECT 'lact_b' || lpad(k.n::text, 8, '0') || '_r', 'lic_b' || lpad(k.n::text, 8, '0'), 'domain',
           'old-' || k.n || '.example.com', NULL, l.created_at + interval '2 hours', l.created_at + interval '3 days',
           '198.51.100.' || (k.n % 250), l.created_at + interval '3 days', 'admin', l.created_at + interval '2 hours',
           l.created_at + interval '3 days'
      FROM bench_key k
      JOIN license l ON l.id = 'lic_b' || lpad(k.n::text, 8, '0')
     WHERE k.n % 3 = 0
  `)
  console.log(`  activations in ${seconds(activationStarted)} s`)

  // 1-3 history events: issued, then activated, then (every third) a revocation or an update.
  const eventStarted = Date.now()
  await client.query(`
    INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
    SELECT 'levt_b' || lpad(k.n::text, 8, '0') || '_' || s.i, 'lic_b' || lpad(k.n::text, 8, '0'),
           CASE s.i WHEN 1 THEN 'issued' WHEN 2 THEN 'activated'
                    ELSE CASE WHEN l.status = 'revoked' THEN 'revoked' ELSE 'updated' END END,
           CASE s.i WHEN 1 THEN 'system' WHEN 2 THEN 'installed_product' ELSE 'admin' END,
           NULL, CASE s.i WHEN 2 THEN jsonb_build_object('kind', 'domain', 'identifier', 'site-' || k.n || '.example.com') END,
           l.created_at + (s.i - 1) * interval '1 hour', l.created_at + (s.i - 1) * interval '1 hour'
      FROM bench_key k
      JOIN license l ON l.id = 'lic_b' || lpad(k.n::text, 8, '0')
      CROSS JOIN LATERAL generate_series(1, 1 + k.n % 3) AS s(i)
  `)
  console.log(`  history events in ${seconds(eventStarted)} s`)

  await client.query(`DROP TABLE bench_key`)
  const analyzeStarted = Date.now()
  for (const table of ["license", "license_activation", "license_event"]) await client.query(`VACUUM ANALYZE ${table}`)
  console.log(`  VACUUM ANALYZE in ${seconds(analyzeStarted)} s`)
  return known
}

/** The known licenses' rows (id, e-mail, order, product), read back from the database. */
async function knownRows(client, known) {
  const ids = known.map((k) => `lic_b${String(k.n).padStart(8, "0")}`)
  const { rows } = await client.query(`SELECT * FROM license WHERE id = ANY($1) ORDER BY id`, [ids])
  return rows.map((row) => ({ ...row, key: known.find((k) => `lic_b${String(k.n).padStart(8, "0")}` === row.id).key }))
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function main() {
  const app = (() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-admin-bench-"))
    fs.chmodSync(workDir, 0o755)
    return prepareAppCopy(workDir)
  })()
  const serverDir = path.join(app, ".medusa", "server")
  const pgDataDir = DATA_DIR ? path.join(DATA_DIR, "pg") : path.join(workDir, "pg")
  const secretsFile = DATA_DIR && path.join(DATA_DIR, "secrets.json")
  const seedFile = DATA_DIR && path.join(DATA_DIR, "seed.json")
  if (DATA_DIR) fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 })
  const secrets = secretsFile && fs.existsSync(secretsFile) ? JSON.parse(fs.readFileSync(secretsFile, "utf8")) : generateSecrets()
  if (secretsFile) fs.writeFileSync(secretsFile, JSON.stringify(secrets))

  step("medusa build (admin disabled)")
  const buildEnv = { ...process.env, ...secrets, MEDUSA_ADMIN_DISABLE: "true", MEDUSA_DISABLE_TELEMETRY: "true" }
  await run(MEDUSA, ["build"], { env: buildEnv, cwd: app })

  step("embedded PostgreSQL")
  const pgPort = await freePort()
  postgres = await startEmbeddedPostgres({ dataDir: pgDataDir, port: pgPort, persistent: !!DATA_DIR, log: logSink })
  await postgres.ensureDatabase("bench")
  const env = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: postgres.url("bench"),
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "warn",
  }
  delete env.REDIS_URL
  const client = postgres.pg.getPgClient("bench", "127.0.0.1")
  await client.connect()

  step("migrations")
  const migrateStarted = Date.now()
  await run(MEDUSA, ["db:migrate"], { env, cwd: serverDir })
  console.log(`  migrated in ${seconds(migrateStarted)} s`)

  let known
  const previous = seedFile && fs.existsSync(seedFile) ? JSON.parse(fs.readFileSync(seedFile, "utf8")) : null
  if (previous?.licenses === LICENSES) {
    step(`reusing the seed of ${LICENSES.toLocaleString("en")} licenses in ${DATA_DIR}`)
    known = previous.known
    await client.query(`ANALYZE license; ANALYZE license_activation; ANALYZE license_event`)
  } else {
    if (previous) throw new Error(`${DATA_DIR} holds a seed of ${previous.licenses} licenses; remove it or use that size`)
    step(`seeding ${LICENSES.toLocaleString("en")} licenses`)
    const seedStarted = Date.now()
    known = await seedLicenses(client, serverDir, secrets.LICENSE_KEY_SECRET)
    console.log(`  seeded in ${seconds(seedStarted)} s`)
    if (seedFile) fs.writeFileSync(seedFile, JSON.stringify({ licenses: LICENSES, known }))
  }
  const { rows: sizes } = await client.query(
    `SELECT (SELECT count(*) FROM license_activation) AS activations, (SELECT count(*) FROM license_event) AS events,
            pg_size_pretty(pg_total_relation_size('license')) AS license_size`
  )
  console.log(`  ${Number(sizes[0].activations).toLocaleString("en")} activations, ${Number(sizes[0].events).toLocaleString("en")} events, license table + indexes ${sizes[0].license_size}`)
  const samples = await knownRows(client, known)

  if (EXPLAIN) {
    // auto_explain in every new session, silent until a request is explained (a reload switches it on and off).
    await client.query(`ALTER SYSTEM SET session_preload_libraries = 'auto_explain'`)
    await client.query(`ALTER SYSTEM SET auto_explain.log_min_duration = -1`)
    await client.query(`ALTER SYSTEM SET auto_explain.log_analyze = on`)
    await client.query(`ALTER SYSTEM SET auto_explain.log_buffers = on`)
    await client.query(`SELECT pg_reload_conf()`)
  }

  step("medusa start (NODE_ENV=production)")
  const port = await freePort()
  const cli = fs.realpathSync(MEDUSA)
  const nodeArgs = process.env.BENCH_ADMIN_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []
  server = startGroup(process.execPath, [...nodeArgs, cli, "start", "--port", String(port)], { env: { ...env, PORT: String(port) }, cwd: serverDir })
  const url = `http://127.0.0.1:${port}`
  await Promise.race([
    waitForHttp(`${url}/health`, { timeoutMs: 180_000 }),
    server.exited.then(({ code }) => Promise.reject(new Error(`medusa start exited (${code})`))),
  ])

  const email = `bench-admin-${Date.now()}@example.com`
  const password = randomBytes(12).toString("hex")
  await run(MEDUSA, ["user", "-e", email, "-p", password], { env, cwd: serverDir })
  const login = await (await fetch(`${url}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) })).json()
  if (!login.token) throw new Error(`admin login failed: ${JSON.stringify(login)}`)
  const headers = { authorization: `Bearer ${login.token}` }

  const get = async (requestPath) => {
    const res = await fetch(`${url}${requestPath}`, { headers })
    const body = await res.json()
    if (res.status !== 200) throw new Error(`GET ${requestPath} -> ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
    return body
  }

  // One sample license of each kind the searches look for.
  const sample = samples[Math.floor(samples.length / 2)]
  const other = samples[Math.floor(samples.length / 3)]
  const list = (params) => `/admin/licenses?${new URLSearchParams({ limit: "20", offset: "0", ...params }).toString()}`
  const emailPart = sample.customer_email.split("@")[0]
  // A license with a full history page: events and activations of its own (1-3 and 1-3 rows).
  const detailId = samples.find((s) => Number(s.id.slice(5)) % 6 === 5)?.id ?? sample.id
  // `expect(body)` states what a correct answer holds, so that a fast wrong answer does not pass.
  const listed = (min) => (body) => body.licenses.length > 0 && body.count >= min
  // The counts kept by status (sql/license-count.ts) must equal count(*) of the status's condition: read before and
  // after the first answer, which must lie between them (a key may expire in between).
  const ACTIVE = `status = 'active' AND (expires_at IS NULL OR expires_at > now())`
  const GRACE = `status = 'active' AND expires_at <= now() AND grace_ends_at > now()`
  const EXPIRED = `status = 'active' AND expires_at <= now() AND (grace_ends_at IS NULL OR grace_ends_at <= now())`
  const counted = (where) => ({ where, of: (body) => body.count })
  const tableCount = async (where) =>
    Number((await client.query(`SELECT count(*) AS n FROM license WHERE deleted_at IS NULL AND ${where}`)).rows[0].n)
  const allWith = (check) => (body) => body.licenses.length > 0 && body.licenses.every(check)
  const soon = Date.now() + 31 * 24 * 60 * 60 * 1000
  const queries = [
    { name: "list", path: list({}), expect: (b) => b.licenses.length === 20 && b.count === LICENSES },
    { name: "list-page-500", path: list({ offset: "10000" }), expect: (b) => b.licenses.length === 20 },
    { name: "search-key", path: list({ q: sample.key }), expect: (b) => b.licenses[0]?.id === sample.id },
    { name: "search-key-hint", path: list({ q: sample.key_hint }), expect: (b) => b.licenses.some((l) => l.id === sample.id) },
    { name: "search-email", path: list({ q: sample.customer_email.toUpperCase() }), expect: (b) => b.licenses.some((l) => l.id === sample.id) && allWith((l) => l.customer_email === sample.customer_email)(b) },
    { name: "search-email-part", path: list({ q: emailPart }), expect: (b) => b.licenses.some((l) => l.customer_email === sample.customer_email) },
    { name: "search-order", path: list({ q: `#${sample.order_display_id}` }), expect: (b) => b.licenses.some((l) => l.id === sample.id) },
    { name: "status-active", path: list({ status: "active" }), expect: allWith((l) => l.status === "active"), exact: counted(ACTIVE) },
    { name: "status-revoked", path: list({ status: "revoked" }), expect: allWith((l) => l.status === "revoked"), exact: counted(`status = 'revoked'`) },
    { name: "status-suspended", path: list({ status: "suspended" }), expect: allWith((l) => l.status === "suspended"), exact: counted(`status = 'suspended'`) },
    { name: "status-expired", path: list({ status: "expired" }), expect: allWith((l) => l.status === "expired"), exact: counted(EXPIRED) },
    { name: "status-grace", path: list({ status: "grace" }), expect: allWith((l) => l.status === "grace"), exact: counted(GRACE) },
    { name: "product", path: list({ product_id: sample.product_id }), expect: listed(1) },
    { name: "variant", path: list({ variant_id: sample.variant_id }), expect: listed(1) },
    { name: "customer", path: list({ customer_id: sample.customer_id }), expect: (b) => b.licenses.some((l) => l.id === sample.id) },
    { name: "order", path: list({ order_id: sample.order_id }), expect: (b) => b.licenses.some((l) => l.id === sample.id) },
    { name: "expiring-30d", path: list({ expiring_within_days: "30" }), expect: allWith((l) => l.status === "active" && new Date(l.expires_at).getTime() < soon) },
    { name: "product+status", path: list({ product_id: other.product_id, status: "active" }), expect: listed(1) },
    ...["-created_at", "created_at", "customer_email", "-customer_email", "product_title", "-expires_at", "expires_at", "-activations_used", "-max_activations", "status"].map(
      (order) => ({ name: `sort ${order}`, path: list({ order }), expect: (b) => b.licenses.length === 20 })
    ),
    { name: "detail", path: `/admin/licenses/${detailId}?activations_limit=20&activations_offset=0&events_limit=20&events_offset=0`, expect: (b) => b.license?.id === detailId && b.events_count > 0 },
    { name: "detail-renewals", path: `/admin/licenses/${detailId}/renewals`, expect: (b) => Array.isArray(b.renewals) },
    { name: "detail-upgrades", path: `/admin/licenses/${detailId}/upgrades`, expect: (b) => Array.isArray(b.upgrades) },
    { name: "overview", path: `/admin/licenses/overview`, expect: (b) => b.overview?.counts?.active > 0, exact: { where: ACTIVE, of: (b) => b.overview.counts.active } },
  ].filter((q) => !ONLY || ONLY.includes(q.name))

  step(`measuring: ${WARMUP} warm-up + ${REQUESTS} sequential requests per query`)
  const results = []
  for (const query of queries) {
    const before = query.exact ? await tableCount(query.exact.where) : null
    const first = await get(query.path)
    if (!query.expect(first)) throw new Error(`${query.name}: unexpected answer ${JSON.stringify(first).slice(0, 400)}`)
    if (query.exact) {
      const after = await tableCount(query.exact.where)
      const answered = query.exact.of(first)
      if (answered < Math.min(before, after) || answered > Math.max(before, after)) {
        throw new Error(`${query.name}: counted ${answered}, the table holds ${before} (before) and ${after} (after)`)
      }
    }
    for (let i = 1; i < WARMUP; i++) await get(query.path)
    const times = []
    for (let i = 0; i < REQUESTS; i++) {
      const started = process.hrtime.bigint()
      await get(query.path)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    times.sort((a, b) => a - b)
    const result = { ...query, count: first.count, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] }
    results.push(result)
    console.log(`  ${query.name.padEnd(22)} p50 ${result.p50.toFixed(1).padStart(7)}  p95 ${result.p95.toFixed(1).padStart(7)}  ${result.p95 <= GOAL_MS ? "PASS" : "FAIL"}`)
  }

  if (EXPLAIN) {
    step("EXPLAIN (ANALYZE, BUFFERS) of each query's statements (auto_explain, one extra request each)")
    for (const query of queries) {
      await client.query(`ALTER SYSTEM SET auto_explain.log_min_duration = 0`)
      await client.query(`SELECT pg_reload_conf()`)
      await new Promise((r) => setTimeout(r, 300))
      pgLog.text = ""
      await get(query.path)
      await new Promise((r) => setTimeout(r, 300))
      await client.query(`ALTER SYSTEM SET auto_explain.log_min_duration = -1`)
      await client.query(`SELECT pg_reload_conf()`)
      console.log(`\n  --- ${query.name}: GET ${query.path}`)
      for (const line of pgLog.text.split("\n")) {
        const keep = /Query Text:|cost=|actual time|Buffers:|Index Cond|Recheck Cond|Filter:|Rows Removed|Sort Key|Sort Method|Execution Time|Heap Blocks/.test(line)
        if (keep && !/ALTER SYSTEM|pg_reload_conf/.test(line)) console.log(`  ${line.replace(/^.*?(LOG:\s+duration:|Query Text:)/, "$1").slice(0, 400)}`)
      }
    }
  }

  let exportResult = null
  if (!process.env.BENCH_ADMIN_SKIP_EXPORT) {
    step(`CSV export of all ${LICENSES.toLocaleString("en")} licenses, the server's RSS sampled every 200 ms`)
    const pid = server.child.pid
    const before = rssMb(pid)
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid))
    }, 200)
    const started = Date.now()
    const res = await fetch(`${url}/admin/licenses/export`, { headers })
    if (res.status !== 200) throw new Error(`export -> ${res.status}`)
    let lines = 0
    let bytes = 0
    for await (const chunk of res.body) {
      bytes += chunk.length
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++
    }
    const elapsed = (Date.now() - started) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(pid))
    await new Promise((r) => setTimeout(r, 2000))
    const after = rssMb(pid)
    exportResult = { rows: lines - 1, bytes, elapsed, before, peak, after }
    if (exportResult.rows !== LICENSES) throw new Error(`export: ${exportResult.rows} rows, expected ${LICENSES}`)
  }
  await client.end()

  console.log("\nAdmin benchmark")
  console.log(`  ${LICENSES.toLocaleString("en")} licenses, ${Number(sizes[0].activations).toLocaleString("en")} activations, ${Number(sizes[0].events).toLocaleString("en")} events; ${os.cpus().length} CPUs, Node ${process.version}`)
  console.log(`  load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (other processes on the machine skew every figure)`)
  console.log(`\n  ${"query".padEnd(22)}${"count".padStart(10)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}  goal ${GOAL_MS} ms`)
  for (const r of results) {
    console.log(`  ${r.name.padEnd(22)}${String(r.count ?? "").padStart(10)}${r.p50.toFixed(1).padStart(9)}${r.p95.toFixed(1).padStart(9)}${r.max.toFixed(1).padStart(9)}  ${r.p95 <= GOAL_MS ? "PASS" : "FAIL"}`)
  }
  const failed = results.filter((r) => r.p95 > GOAL_MS)
  console.log(`\n  ${results.length - failed.length} of ${results.length} queries within ${GOAL_MS} ms at p95${failed.length ? `; over: ${failed.map((r) => r.name).join(", ")}` : ""}`)
  if (exportResult) {
    const e = exportResult
    console.log(`\n  export: ${e.rows.toLocaleString("en")} rows, ${(e.bytes / 1e6).toFixed(1)} MB in ${e.elapsed.toFixed(1)} s = ${Math.round(e.rows / e.elapsed).toLocaleString("en")} rows/s`)
    console.log(`  server RSS: before ${e.before.toFixed(0)} MB, peak ${e.peak.toFixed(0)} MB, after ${e.after.toFixed(0)} MB; peak - before = ${(e.peak - e.before).toFixed(0)} MB (${e.peak - e.before < 100 ? "flat: PASS" : "FAIL"}, goal < 100 MB)`)
  }
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  })
