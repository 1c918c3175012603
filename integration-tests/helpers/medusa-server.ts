// A real dev host for browser tests: a database of its own on the test
// PostgreSQL, `medusa db:migrate`, the seed (`medusa exec ./scripts/seed.ts`),
// then `medusa start` with the dashboard served as in development. The
// dashboard needs this: @medusajs/test-utils' runner disables the admin.
import axios, { type AxiosInstance } from "axios"
import { type ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { Client } from "pg"
import type { DemoStore } from "./store"
import { ARTIFACTS } from "./browser"
import { freePort } from "./ports"

const ROOT = path.resolve(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/** The test PostgreSQL that scripts/test.mjs provides (DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD). */
export function postgresUrl(database: string) {
  const host = process.env.DB_HOST
  if (!host) {
    throw new Error("DB_HOST is not set: run this test through `node scripts/test.mjs http`.")
  }
  const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
  const password = encodeURIComponent(process.env.DB_PASSWORD || "")
  return `postgres://${user}${password ? `:${password}` : ""}@${host}:${process.env.DB_PORT || 5432}/${database}`
}

export async function withPostgres<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl("postgres") })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Runs a medusa CLI command to completion; its output is kept for the failure message. */
function runMedusa(args: string[], env: NodeJS.ProcessEnv, log: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    child.stdout!.on("data", (chunk) => log.push(String(chunk)))
    child.stderr!.on("data", (chunk) => log.push(String(chunk)))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")} exited with ${code}:\n${log.join("").slice(-4000)}`))
    )
  })
}

/**
 * `medusa start` in its own process group, so stopping it stops everything it
 * forked; resolves once it answers /health. `name` heads the failure messages.
 */
export async function startMedusa(
  env: NodeJS.ProcessEnv,
  port: number,
  log: string[],
  { name = "medusa start", readyWithinMs = 180_000 }: { name?: string; readyWithinMs?: number } = {}
) {
  const child: ChildProcess = spawn(MEDUSA, ["start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  child.stdout!.on("data", (chunk) => log.push(String(chunk)))
  child.stderr!.on("data", (chunk) => log.push(String(chunk)))
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGTERM")
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {
          // already gone
        }
      }, 10_000)
      await exited
      clearTimeout(timer)
    }
  }
  /** kill -9 of the whole process group (no shutdown hooks run), resolved once the process is gone. */
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGKILL")
      await exited
    }
  }
  const deadline = Date.now() + readyWithinMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited:\n${log.join("").slice(-4000)}`)
    }
    try {
      const res = await axios.get(`http://127.0.0.1:${port}/health`, { timeout: 2000 })
      if (res.status === 200) {
        return { port, stop, kill }
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error(`${name} did not answer /health within ${readyWithinMs / 1000} s:\n${log.join("").slice(-4000)}`)
}

/**
 * A second `medusa start` of the app on the test's own database (its `dbConfig.clientUrl`), beside the one the test
 * runner boots: for the two-process proofs (caps, quotas, seats and downloads exact across processes).
 */
export async function startSecondServer(databaseUrl: string) {
  const port = await freePort()
  const env = { ...process.env, DATABASE_URL: databaseUrl, MEDUSA_ADMIN_DISABLE: "true", NODE_ENV: "development" }
  return await startMedusa(env, port, [], { name: "The second Medusa server", readyWithinMs: 120_000 })
}

export type DevHost = {
  baseUrl: string
  seed: DemoStore
  /** An axios client logged in as the seeded admin. */
  admin: AxiosInstance
  /** Everything the CLI commands and the server printed. */
  log: string[]
  stop: () => Promise<void>
}

/** A fresh database, migrated and seeded, and `medusa start` on a free port. */
export async function startDevHost(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<DevHost> {
  const database = `${name}_${crypto.randomBytes(4).toString("hex")}`
  const log: string[] = []
  // The seed writes its output (admin credentials, publishable key) there.
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await withPostgres((pg) => pg.query(`CREATE DATABASE "${database}"`))
  const dropDatabase = () =>
    withPostgres((pg) => pg.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => undefined)
  let server: { stop: () => Promise<void> } | undefined
  try {
    const port = await freePort()
    const baseUrl = `http://localhost:${port}`
    const seedFile = path.join(ARTIFACTS, `${database}-seed.json`)
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      DATABASE_URL: postgresUrl(database),
      PORT: String(port),
      MEDUSA_ADMIN_DISABLE: "false",
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: "warn",
      // The dashboard's session cookie and CORS for this origin.
      ADMIN_CORS: baseUrl,
      AUTH_CORS: baseUrl,
      SEED_OUTPUT: seedFile,
      ...extraEnv,
    }
    await runMedusa(["db:migrate"], env, log)
    await runMedusa(["exec", "./scripts/seed.ts"], env, log)
    const seed: DemoStore = JSON.parse(fs.readFileSync(seedFile, "utf8"))
    fs.rmSync(seedFile, { force: true })
    server = await startMedusa(env, port, log)
    const { data: auth } = await axios.post(`${baseUrl}/auth/user/emailpass`, {
      email: seed.admin_email,
      password: seed.admin_password,
    })
    const admin = axios.create({ baseURL: baseUrl, headers: { authorization: `Bearer ${auth.token}` } })
    const running = server
    return {
      baseUrl,
      seed,
      admin,
      log,
      stop: async () => {
        await running.stop()
        await dropDatabase()
      },
    }
  } catch (error) {
    await server?.stop()
    await dropDatabase()
    throw error
  }
}
