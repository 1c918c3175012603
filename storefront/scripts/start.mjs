// Starts the storefront's Next.js dev server in its own process group, for
// `npm run dev` (scripts/dev.mjs): stop() ends it and anything it forked.
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startGroup } from "../../scripts/lib/processes.mjs"

const STOREFRONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

export function startStorefront({ port = 8000, medusaUrl, publishableKey, env = process.env }) {
  const next = path.join(STOREFRONT_DIR, "node_modules", ".bin", "next")
  const group = startGroup(next, ["dev", "-p", String(port), "-H", "localhost"], {
    cwd: STOREFRONT_DIR,
    env: {
      ...env,
      // Medusa's process settings are not the storefront's.
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      NEXT_TELEMETRY_DISABLED: "1",
      MEDUSA_BACKEND_URL: medusaUrl,
      MEDUSA_PUBLISHABLE_KEY: publishableKey ?? "",
      NEXT_PUBLIC_DEFAULT_REGION: env.NEXT_PUBLIC_DEFAULT_REGION || "us",
    },
  })
  return { ...group, url: `http://localhost:${port}` }
}
