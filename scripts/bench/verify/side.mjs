// One server under test of the Verify bench: an app copy built from this checkout or from a git ref,
// its own database in the bench's PostgreSQL, seeded, started with `medusa start` (NODE_ENV=production).
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { prepareAppCopy } from "../../lib/app-copy.mjs"
import { freePort } from "../../lib/postgres.mjs"
import { BIN, ROOT, run, startGroup, waitForHttp } from "../../lib/processes.mjs"
import { seedLicenses } from "./seed.mjs"

const MEDUSA = path.join(BIN, "medusa")

/** The files of `ref` (src, medusa-config.ts, package.json, tsconfig.json) in `dir`, from git. */
function checkoutRef(ref, dir) {
  fs.mkdirSync(dir)
  const archive = execFileSync("git", ["archive", ref, "src", "medusa-config.ts", "package.json", "tsconfig.json"], { cwd: ROOT, maxBuffer: 1 << 30 })
  execFileSync("tar", ["-x", "-C", dir], { input: archive })
}

/**
 * The bench's copy only: POST /licenses/bench-noop, a route that does nothing (it reads the body and answers
 * `{}`), registered like the Verify API's routes (`bodyParser: false`, the plugin's input guard), so the
 * "noop" scenario measures what Medusa's per-route pipeline costs before the plugin does any work.
 */
function addNoopRoute(app) {
  const dir = path.join(app, "src", "api", "licenses", "bench-noop")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, "route.ts"),
    `import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  req.on("data", () => {})
  req.on("end", () => {
    res.statusCode = 200
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.end("{}")
  })
}
`
  )
  const middlewares = path.join(app, "src", "api", "middlewares.ts")
  const source = fs.readFileSync(middlewares, "utf8")
  if (!source.includes("  routes: [\n")) throw new Error("src/api/middlewares.ts: no `routes: [` to add the bench route to")
  fs.writeFileSync(middlewares, source.replace("  routes: [\n", `  routes: [\n    { matcher: "/licenses/bench-noop", methods: ["POST"], bodyParser: false, middlewares: [] },\n`))
}

/** Resolves a git ref to its short commit, or throws a clear error. */
export function resolveRef(ref) {
  try {
    return execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
  } catch {
    throw new Error(`--against ${ref}: not a commit of this repository`)
  }
}

/**
 * Builds, migrates, seeds and starts one side. `ref` null = the working tree. Returns
 * { name, url, pid, serverDir, env, known, formatLicenseKey, generateKeyBody, stop }.
 */
export async function startSide({ name, ref, workDir, postgres, secrets, licenses, step }) {
  const from = ref ? path.join(workDir, `${name}-src`) : ROOT
  if (ref) {
    checkoutRef(ref, from)
  }
  const app = prepareAppCopy(workDir, [], { from, name: `${name}-app` })
  addNoopRoute(app)
  const serverDir = path.join(app, ".medusa", "server")

  step(`${name}: medusa build of ${ref ?? "the working tree"} (admin disabled)`)
  await run(MEDUSA, ["build"], { env: { ...process.env, ...secrets, MEDUSA_ADMIN_DISABLE: "true", MEDUSA_DISABLE_TELEMETRY: "true" }, cwd: app })

  const database = `bench_${name}`
  await postgres.ensureDatabase(database)
  const env = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: postgres.url(database),
    MEDUSA_ADMIN_DISABLE: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    // The benchmark sends many not_found look-ups from one IP on purpose.
    LICENSE_VERIFY_RATE_LIMIT_MAX: "1000000000",
    LOG_LEVEL: "warn",
  }
  delete env.REDIS_URL
  step(`${name}: migrations`)
  await run(MEDUSA, ["db:migrate"], { env, cwd: serverDir })

  step(`${name}: seeding ${licenses.toLocaleString("en")} licenses`)
  const client = postgres.pg.getPgClient(database, "127.0.0.1")
  await client.connect()
  const seedStarted = Date.now()
  const seeded = await seedLicenses(client, serverDir, secrets.LICENSE_KEY_SECRET, licenses)
  console.log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`)

  step(`${name}: medusa start (NODE_ENV=production)`)
  const port = await freePort()
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []
  const server = startGroup(process.execPath, [...nodeArgs, fs.realpathSync(MEDUSA), "start", "--port", String(port)], {
    env: { ...env, PORT: String(port) },
    cwd: serverDir,
  })
  const url = `http://127.0.0.1:${port}`
  await Promise.race([
    waitForHttp(`${url}/health`, { timeoutMs: 120_000 }),
    server.exited.then(({ code }) => Promise.reject(new Error(`${name}: medusa start exited (${code})`))),
  ])
  return {
    name,
    ref,
    url,
    pid: server.child.pid,
    serverDir,
    env,
    db: client,
    ...seeded,
    async stop() {
      await server.stop().catch(() => {})
      await client.end().catch(() => {})
    },
  }
}
