// `npm run bench`: the Verify API under load, against GET /health of the same
// production server, in one run. `npm run bench -- --against <git ref>` builds the
// ref too and alternates the two servers round by round (BENCH_ROUNDS, default 3),
// printing the medians of each side's ratios side by side.
//
// 1. copies the app (src, medusa-config.ts, package.json, tsconfig.json; for a ref,
//    its files from git) to a temporary folder whose node_modules links to this one,
//    and runs `medusa build` there (the working tree's .medusa/ is left alone);
// 2. starts an embedded PostgreSQL, one database per side, migrates, and seeds
//    100,000 issued licenses (cap 5, a known domain and a known machine each, last
//    seen a day ago);
// 3. starts `medusa start` from .medusa/server with NODE_ENV=production;
// 4. runs autocannon, 20 connections, 10 s per scenario (verify/scenarios.mjs):
//      health   GET /health (the baseline)
//      known    verify of random known keys from their known domain (hot path)
//      machine  verify of random known keys from their known machine, by fingerprint (the same hot path)
//      new      verify of random keys from new domains (activation path)
//      updates  update check of random known keys from their known domain
//      unknown  verify of random well-formed unknown keys (not_found)
//    and prints req/s, p50, p99, the ratio of each to the baseline and the server's
//    and PostgreSQL's CPU per request, ending with `verify/health = X.XX` (the hot path);
// 5. checks the new-domain run (activations taken = answers given, give or take the
//    requests in flight at the stop) and the cap under concurrency (verify/cap-check.mjs:
//    activations taken = slots available, exactly).
//
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 20),
// BENCH_LICENSES (default 100000), BENCH_ROUNDS, BENCH_KEEP=1 keeps the temp folder,
// BENCH_SCENARIOS=health,known runs only those (optional ones: pipeline, quota, download;
// download alone runs only the 200 MB upload/download memory check, without --against),
// BENCH_SERVER_NODE_ARGS are given to the servers' node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { freePort, startEmbeddedPostgres } from "../lib/postgres.mjs"
import { BIN } from "../lib/processes.mjs"
import { generateSecrets } from "../lib/secrets.mjs"
import { runDownloadScenario } from "./download-memory.mjs"
import { checkCap } from "./verify/cap-check.mjs"
import { cpuSeconds, load, median, postgresCpuSeconds } from "./verify/measure.mjs"
import { CAP_LICENSES, checkScenarios, scenariosFor } from "./verify/scenarios.mjs"
import { resolveRef, startSide } from "./verify/side.mjs"

const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20)
const LICENSES = Number(process.env.BENCH_LICENSES || 100_000)
const againstIndex = process.argv.indexOf("--against")
const AGAINST = againstIndex === -1 ? null : process.argv[againstIndex + 1]
const ROUNDS = Number(process.env.BENCH_ROUNDS || (AGAINST ? 3 : 1))

let postgres = null
let workDir = null
const sides = []

async function cleanup() {
  for (const side of sides.splice(0)) {
    await side.stop()
  }
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

/** One load run of a scenario on one side, with its setting in place for the run only, and its CPU figures. */
async function measure(side, scenario, duration, pgDataDir) {
  await scenario.before?.()
  const cpu = { server: cpuSeconds(side.pid), db: postgresCpuSeconds(pgDataDir) }
  try {
    const result = await load(side.url, { ...scenario, duration, connections: CONNECTIONS })
    const total = result.requests.total
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total,
      answered: total - result.non2xx,
      failed: result.non2xx + result.errors + result.timeouts,
      serverUs: ((cpuSeconds(side.pid) - cpu.server) / total) * 1e6,
      dbUs: ((postgresCpuSeconds(pgDataDir) - cpu.db) / total) * 1e6,
    }
  } finally {
    await scenario.after?.()
  }
}

/** The medians of one scenario's runs on one side, each ratio taken against the same round's /health. */
function summarize(runs, healthRuns) {
  return {
    ratio: median(runs.map((r, i) => r.rps / healthRuns[i].rps)),
    cpuRatio: median(runs.map((r, i) => r.serverUs / healthRuns[i].serverUs)),
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    serverUs: median(runs.map((r) => r.serverUs)),
    dbUs: median(runs.map((r) => r.dbUs)),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    answered: runs.reduce((sum, r) => sum + r.answered, 0),
  }
}

async function main() {
  const base = AGAINST ? resolveRef(AGAINST) : null
  const secrets = generateSecrets()
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-bench-"))
  fs.chmodSync(workDir, 0o755)

  step("embedded PostgreSQL")
  const pgDataDir = path.join(workDir, "pg")
  postgres = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort(), persistent: false })

  for (const [name, ref] of base ? [[`base-${base}`, base], ["head", null]] : [["head", null]]) {
    sides.push(await startSide({ name, ref, workDir, postgres, secrets, licenses: LICENSES, step }))
  }

  const only = process.env.BENCH_SCENARIOS?.split(",")
  // Optional "download" (scripts/bench/download-memory.mjs): the server's RSS around a 200 MB upload and download.
  if (only?.includes("download")) {
    if (base) throw new Error("The download scenario runs without --against.")
    const [side] = sides
    const license = { id: side.known[0].id, ...side.known[0] }
    await runDownloadScenario({ server: { url: side.url, pid: side.pid }, app: { medusa: path.join(BIN, "medusa"), env: side.env, serverDir: side.serverDir, workDir }, db: side.db, license })
    if (only.every((name) => name === "download")) return
  }

  const plans = sides.map((side) => ({
    side,
    scenarios: scenariosFor(side).filter((s) => s.name === "health" || (only ? only.includes(s.name) : !s.optional)),
    runs: {},
  }))
  for (const { side } of plans) {
    await checkScenarios(side)
  }

  step("warm-up (3 s per scenario and side, not counted)")
  for (const { side, scenarios } of plans) {
    for (const scenario of scenarios) {
      await measure(side, scenario, 3, pgDataDir)
    }
    // New domains of the measured runs must be new indeed; known ones last seen a day ago again.
    side.runId = `${side.runId}m`
    await side.db.query(`UPDATE license_activation SET last_seen_at = now() - interval '1 day' WHERE identifier LIKE '%.bench.example'`)
  }

  step(`measuring: ${CONNECTIONS} connections, ${DURATION} s per scenario, ${ROUNDS} round(s)${base ? `, sides alternating (${plans.map((p) => p.side.name).join(" / ")})` : ""}`)
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...plans].reverse() : plans
    for (const plan of order) {
      const line = []
      for (const scenario of plan.scenarios) {
        const result = await measure(plan.side, scenario, DURATION, pgDataDir)
        ;(plan.runs[scenario.name] ??= []).push(result)
        line.push(`${scenario.name} ${Math.round(result.rps)}`)
      }
      console.log(`  round ${round + 1}, ${plan.side.name}: ${line.join(", ")} req/s`)
    }
  }

  await new Promise((r) => setTimeout(r, 6000)) // let the last last_seen_at batch land
  for (const plan of plans) {
    const { side } = plan
    if (plan.runs.new) {
      const { rows } = await side.db.query(
        `SELECT count(*)::int AS n FROM license_activation WHERE identifier LIKE $1 AND released_at IS NULL`,
        [`%-${side.runId}.new.example`]
      )
      plan.newTaken = rows[0].n
    }
    step(`${side.name}: the cap under concurrency (${CAP_LICENSES} untouched licenses, 10 concurrent new domains each)`)
    plan.cap = await checkCap(side, side.known.slice(-CAP_LICENSES))
  }
  report(plans)
  if (plans.some((p) => !p.cap.exact)) {
    throw new Error("The cap was not exact under concurrency (see above).")
  }
}

function report(plans) {
  const pad = (text, width) => String(text).padEnd(width)
  const lpad = (text, width) => String(text).padStart(width)
  console.log("\nVerify API benchmark")
  console.log(`  ${LICENSES.toLocaleString("en")} licenses, ${CONNECTIONS} connections, ${DURATION} s per scenario, ${ROUNDS} round(s), ${os.cpus().length} CPUs, Node ${process.version}`)
  console.log(`  load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (other processes on the machine skew every figure)`)
  const summaries = plans.map((plan) => Object.fromEntries(Object.entries(plan.runs).map(([name, runs]) => [name, summarize(runs, plan.runs.health)])))
  for (const [i, plan] of plans.entries()) {
    console.log(`\n  ${plan.side.name}${plan.side.ref ? ` (${plan.side.ref})` : " (working tree)"}, medians of ${ROUNDS} run(s)`)
    console.log(`  ${pad("scenario", 36)}${lpad("req/s", 9)}${lpad("p50 ms", 9)}${lpad("p99 ms", 9)}${lpad("failed", 9)}${lpad("x health", 10)}${lpad("server CPU", 12)}${lpad("x health", 10)}${lpad("PG CPU", 10)}`)
    for (const scenario of plan.scenarios) {
      const s = summaries[i][scenario.name]
      console.log(
        `  ${pad(scenario.label, 36)}${lpad(Math.round(s.rps), 9)}${lpad(s.p50, 9)}${lpad(s.p99, 9)}${lpad(s.failed, 9)}` +
          `${lpad(s.ratio.toFixed(2), 10)}${lpad(`${Math.round(s.serverUs)} µs`, 12)}${lpad(s.cpuRatio.toFixed(2), 10)}${lpad(`${Math.round(s.dbUs)} µs`, 10)}`
      )
    }
    if (plan.newTaken !== undefined) {
      const answered = summaries[i].new.answered
      const inFlight = plan.newTaken - answered
      console.log(`  new-domain runs: ${plan.newTaken} activations taken, ${answered} answered (${inFlight} in flight at the stops, at most ${CONNECTIONS * ROUNDS}): ${inFlight >= 0 && inFlight <= CONNECTIONS * ROUNDS ? "consistent" : "INCONSISTENT"}`)
    }
    const cap = plan.cap
    console.log(`  cap: ${cap.free} slots free, ${cap.taken} taken by ${cap.requests} concurrent requests (${Object.entries(cap.codes).map(([c, n]) => `${n} ${c}`).join(", ")}): ${cap.exact ? "EXACT" : "NOT EXACT"}`)
  }
  console.log("  (x health: the scenario's req/s, then its server CPU per request, each over /health's in the same round)")

  console.log("")
  const line = (label, name, field = "ratio") =>
    summaries[0][name] && console.log(`${label} = ${summaries.map((s) => s[name][field].toFixed(2)).join(" -> ")}`)
  if (plans.length > 1) console.log(`(${plans.map((p) => p.side.name).join(" -> ")})`)
  line("machine verify/health", "machine")
  line("new activation/health", "new")
  line("update check/health", "updates")
  line("quota verify/health", "quota")
  line("verify server CPU/health", "known", "cpuRatio")
  line("verify/health", "known")
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  })
