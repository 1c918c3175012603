// Starts the demo storefront (storefront/demo/server.mjs) in its own process
// group, for `npm run dev`: stop() ends it and anything it forked.
import { spawn } from "node:child_process"
import path from "node:path"
import { STOREFRONT_DIR } from "./vite-config.mjs"

export function startStorefront({ port = 8000, medusaUrl, publishableKey, env = process.env }) {
  const child = spawn(process.execPath, [path.join(STOREFRONT_DIR, "demo", "server.mjs")], {
    env: {
      ...env,
      STOREFRONT_PORT: String(port),
      MEDUSA_BACKEND_URL: medusaUrl,
      MEDUSA_PUBLISHABLE_KEY: publishableKey ?? "",
    },
    stdio: "inherit",
    detached: true,
  })
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
  return {
    url: `http://localhost:${port}`,
    child,
    exited,
    async stop(timeoutMs = 5000) {
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
