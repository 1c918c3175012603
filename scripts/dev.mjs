// `npm run dev`: one command from a fresh clone to a running store.
// PostgreSQL (embedded unless DATABASE_URL is set) -> migrations -> idempotent
// seed -> medusa develop. Ctrl-C stops Medusa and PostgreSQL.
import fs from "node:fs"
import path from "node:path"
import { startEmbeddedPostgres } from "./lib/postgres.mjs"
import { BIN, ROOT, run, startGroup, waitForHttp } from "./lib/processes.mjs"
import { loadOrCreateSecrets, withSecrets } from "./lib/secrets.mjs"
import { startStorefront } from "../storefront/scripts/start.mjs"

const DATA_DIR = path.join(ROOT, ".data")
const PG_PORT = Number(process.env.DEV_PG_PORT || 54329)
const DB_NAME = process.env.DEV_DB_NAME || "medusa_licenses"
const MEDUSA_PORT = Number(process.env.PORT || 9000)
const STOREFRONT_PORT = Number(process.env.STOREFRONT_PORT || 8000)

let postgres = null
let medusa = null
let storefront = null
let stopping = false

async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  console.log("\nStopping...")
  await medusa?.stop()
  await storefront?.stop()
  if (postgres) {
    await postgres.stop()
    console.log("PostgreSQL stopped.")
  }
  process.exit(code)
}
process.on("SIGINT", () => shutdown(0))
process.on("SIGTERM", () => shutdown(0))

async function main() {
  fs.mkdirSync(DATA_DIR, { recursive: true })
  const secrets = loadOrCreateSecrets(path.join(DATA_DIR, "secrets.json"))
  let databaseUrl = process.env.DATABASE_URL

  if (!databaseUrl) {
    console.log(`Starting embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data in .data/postgres)...`)
    postgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port: PG_PORT })
    await postgres.ensureDatabase(DB_NAME)
    databaseUrl = postgres.url(DB_NAME)
  } else {
    console.log("Using the PostgreSQL at DATABASE_URL.")
  }

  const env = withSecrets(
    { ...process.env, DATABASE_URL: databaseUrl, PORT: String(MEDUSA_PORT), MEDUSA_DISABLE_TELEMETRY: "true" },
    secrets
  )
  if (!process.env.DATABASE_URL) env.DB_NAME = DB_NAME

  console.log("Running migrations...")
  await run(path.join(BIN, "medusa"), ["db:migrate"], { env })

  console.log("Seeding the demo store (idempotent)...")
  const seedOutput = path.join(DATA_DIR, "seed.json")
  await run(path.join(BIN, "medusa"), ["exec", "./scripts/seed.ts"], { env: { ...env, SEED_OUTPUT: seedOutput } })
  const seed = JSON.parse(fs.readFileSync(seedOutput, "utf8"))

  medusa = startGroup(path.join(BIN, "medusa"), ["develop"], { env })
  medusa.exited.then(({ code }) => {
    if (!stopping) {
      console.error(`medusa develop exited (${code}).`)
      shutdown(code || 1)
    }
  })

  // The storefront: Next.js dev server (storefront/, Medusa's Next.js starter layout) with Account -> Licenses (docs/storefront.md).
  storefront = startStorefront({ port: STOREFRONT_PORT, medusaUrl: `http://localhost:${MEDUSA_PORT}`, publishableKey: seed.publishable_key, env })

  await waitForHttp(`http://localhost:${MEDUSA_PORT}/health`, { timeoutMs: 300000 })
  const banner = [
    "",
    "============================================================",
    " License keys for Medusa: development store is running",
    "------------------------------------------------------------",
    ` Admin:            http://localhost:${MEDUSA_PORT}/app`,
    ` Admin e-mail:     ${seed.admin_email}`,
    ` Admin password:   ${seed.admin_password}`,
    ` Store API:        http://localhost:${MEDUSA_PORT}/store`,
    ` Storefront:       ${storefront.url} (Next.js: sign up, buy "Pro Plugin", then Account -> Licenses)`,
    ` Publishable key:  ${seed.publishable_key}`,
    ` Verify API:       http://localhost:${MEDUSA_PORT}/licenses/verify`,
    ` Database:         ${postgres ? `embedded PostgreSQL, 127.0.0.1:${PG_PORT}/${DB_NAME}` : "DATABASE_URL"}`,
    " Ctrl-C stops everything.",
    "============================================================",
    "",
  ]
  console.log(banner.join("\n"))
}

main().catch(async (error) => {
  console.error(error)
  await shutdown(1)
})
