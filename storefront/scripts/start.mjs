// Starts the demo storefront (storefront/demo/server.mjs) in its own process
// group, for `npm run dev`: stop() ends it and anything it forked.
import path from "node:path"
import { startGroup } from "../../scripts/lib/processes.mjs"
import { STOREFRONT_DIR } from "./vite-config.mjs"

export function startStorefront({ port = 8000, medusaUrl, publishableKey, env = process.env }) {
  const group = startGroup(process.execPath, [path.join(STOREFRONT_DIR, "demo", "server.mjs")], {
    env: {
      ...env,
      STOREFRONT_PORT: String(port),
      MEDUSA_BACKEND_URL: medusaUrl,
      MEDUSA_PUBLISHABLE_KEY: publishableKey ?? "",
    },
  })
  return { ...group, url: `http://localhost:${port}` }
}
