// `npm test`: every suite against a real PostgreSQL. Without DB_HOST it starts
// an embedded PostgreSQL on a free port in a temporary folder and removes it
// afterwards; with DB_HOST it uses that server (DB_PORT, DB_USERNAME, DB_PASSWORD).
// Programs the selected specs need from the machine (Debian's chromium,
// redis-server, php-cli, golang-go) are installed first with apt-get when run as root;
// otherwise it stops at once and prints the apt-get command.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { freePort, PG_PASSWORD, PG_USER, startEmbeddedPostgres } from "./lib/postgres.mjs"
import { BIN, run } from "./lib/processes.mjs"
import { generateSecrets, withSecrets } from "./lib/secrets.mjs"
import { ensurePrograms, missingPrograms } from "./lib/system-programs.mjs"

const SUITES = {
  unit: "unit",
  modules: "integration:modules",
  http: "integration:http",
}

// HTTP spec files that must not share the machine with another file: latency
// ratios (proofs), a second server process killed or raced (two-process,
// kill -9), the 100,000-row export.
const HTTP_ALONE = "(proofs|verify-two-process|releases-kill-download|admin-licenses)\\.spec\\.ts$"
const HTTP_WORKERS = Number(process.env.TEST_HTTP_WORKERS || 2)

// `node scripts/test.mjs http -- issuance` passes everything after -- to jest.
const separator = process.argv.indexOf("--")
const jestArgs = separator === -1 ? [] : process.argv.slice(separator + 1)
const requested = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator)
const suites = requested.length ? requested : Object.keys(SUITES)
for (const suite of suites) {
  if (!SUITES[suite]) {
    console.error(`Unknown suite "${suite}". Known: ${Object.keys(SUITES).join(", ")}`)
    process.exit(2)
  }
}

let postgres = null
let tempDir = null

async function cleanup() {
  if (postgres) {
    await postgres.stop().catch(() => {})
    postgres = null
  }
  if (tempDir) {
    fs.rmSync(tempDir, { recursive: true, force: true })
    tempDir = null
  }
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)))
process.on("SIGTERM", () => cleanup().then(() => process.exit(143)))

async function main() {
  const env = withSecrets({ ...process.env, NODE_ENV: "test", MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: process.env.LOG_LEVEL || "error" }, generateSecrets())

  // Programs from the machine (chromium, redis-server, php: scripts/lib/system-programs.mjs)
  // that the selected specs call: installed now with apt-get when we are root,
  // otherwise we stop here, before PostgreSQL or the build, with the command to run.
  await ensurePrograms(await missingPrograms(suites.map((suite) => SUITES[suite]), jestArgs, env))

  const needsDatabase = suites.some((suite) => suite !== "unit")
  if (needsDatabase && !process.env.DB_HOST) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "license-keys-pg-"))
    fs.chmodSync(tempDir, 0o755)
    const port = await freePort()
    console.log(`Starting embedded PostgreSQL for the tests on localhost:${port}...`)
    postgres = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "data"), port, persistent: false })
    Object.assign(env, { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: PG_USER, DB_PASSWORD: PG_PASSWORD })
  }

  if (suites.includes("unit")) {
    // Server code and tests, admin, storefront: jest and the bundlers strip types without checking them.
    console.log("\n=== type check (npm run typecheck) ===")
    await run("npm", ["run", "--silent", "typecheck"], { env })
  }

  if (suites.includes("http")) {
    // The HTTP suite checks that a separate host app can load the BUILT plugin.
    console.log("\n=== building the plugin (npm run build) ===")
    await run(path.join(BIN, "medusa"), ["plugin:build"], { env })
  }

  const failed = []
  for (const suite of suites) {
    console.log(`\n=== ${suite} tests ===`)
    // Each jest worker runs its files one after another, and each file's Medusa
    // app leaves memory behind: 26 HTTP files in one process reached Node's
    // default heap limit (about 4 GB). 8 GB a worker keeps room on these 24 GB machines.
    const nodeOptions = `${env.NODE_OPTIONS ?? ""} --experimental-vm-modules --max-old-space-size=8192`.trim()
    const jest = (args) =>
      run(path.join(BIN, "jest"), ["--forceExit", "--passWithNoTests", ...args, ...jestArgs], {
        env: { ...env, TEST_TYPE: SUITES[suite], NODE_OPTIONS: nodeOptions },
      })
    // The whole HTTP suite: two files at a time (each its own Medusa app and
    // database), after the files that compare latencies or kill servers, which
    // run alone. A run narrowed with `-- <pattern>` runs in band.
    const runs =
      suite === "http" && !jestArgs.length
        ? [
            ["--runInBand", "--testPathPattern", HTTP_ALONE],
            [`--maxWorkers=${HTTP_WORKERS}`, "--testPathIgnorePatterns", "/node_modules/", HTTP_ALONE],
          ]
        : [["--runInBand"]]
    for (const args of runs) {
      try {
        await jest(args)
      } catch {
        if (!failed.includes(suite)) failed.push(suite)
      }
    }
  }
  return failed
}

main()
  .then(async (failed) => {
    await cleanup()
    if (failed.length) {
      console.error(`\nFailed suites: ${failed.join(", ")}`)
      process.exit(1)
    }
    console.log(`\nAll suites passed: ${suites.join(", ")}`)
  })
  .catch(async (error) => {
    console.error(error instanceof Error && error.message.startsWith("These tests need programs") ? error.message : error)
    await cleanup()
    process.exit(1)
  })
