// The Next.js storefront (storefront/) for browser tests: `next build` once per
// test run into its own dist folder (so a developer's `npm run dev` keeps its
// .next), then `next start` against the test's Medusa server.
import { type ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { freePort } from "./ports"

const STOREFRONT = path.resolve(__dirname, "../../storefront")
const NEXT = path.join(STOREFRONT, "node_modules", ".bin", "next")
export const TEST_DIST_DIR = ".next-test"

function nextEnv(extra: Record<string, string>) {
  // jest's NODE_OPTIONS (vm modules, heap size) are not the storefront's.
  return { ...process.env, NODE_OPTIONS: "", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: TEST_DIST_DIR, ...extra }
}

function ensureInstalled() {
  if (!fs.existsSync(NEXT)) {
    throw new Error(`${NEXT} is missing: run \`npm install\` at the repository root (it installs the storefront too).`)
  }
}

/** `next build` of the storefront; resolves with its output, rejects with it on failure. */
export async function buildStorefront(): Promise<string> {
  ensureInstalled()
  const child = spawn(NEXT, ["build"], { cwd: STOREFRONT, env: nextEnv({}), stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()))
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
  if (code !== 0) {
    throw new Error(`next build failed (${code}):\n${output}`)
  }
  return output
}

export type RunningStorefront = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> }

/** `next start` (the build above) against Medusa at `medusaUrl`; resolves once it answers. */
export async function startStorefront(medusaUrl: string, publishableKey: string): Promise<RunningStorefront> {
  ensureInstalled()
  const port = await freePort()
  const child = spawn(NEXT, ["start", "-p", String(port), "-H", "localhost"], {
    cwd: STOREFRONT,
    env: nextEnv({ MEDUSA_BACKEND_URL: medusaUrl, MEDUSA_PUBLISHABLE_KEY: publishableKey, NEXT_PUBLIC_DEFAULT_REGION: "us" }),
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()))
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`)
    const ok = await fetch(url, { redirect: "manual" }).then(
      (r) => r.status > 0,
      () => false
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.kill("SIGTERM")
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  }
  return { url, child, output: () => output, stop }
}
