import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
export const BIN = path.join(ROOT, "node_modules", ".bin")

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command, args, { env, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" })
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`))
    )
  })
}

/**
 * Starts a long-running command in its own process group, so that stopping it
 * also stops every process it forked (medusa develop forks the server).
 */
export function startGroup(command, args, { env, cwd = ROOT, stdio = "inherit" } = {}) {
  const child = spawn(command, args, { cwd, env, stdio, detached: true })
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
  return {
    child,
    exited,
    async stop(timeoutMs = 10000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        return
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch {}
      }, timeoutMs)
      await exited
      clearTimeout(timer)
    },
  }
}

export async function waitForHttp(url, { timeoutMs = 180000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

/** Resident memory of a process in MB, from /proc (Linux); null when it cannot be read. */
export function rssMb(pid) {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}
