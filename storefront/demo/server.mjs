// The demo storefront: `node storefront/demo/server.mjs` (npm run dev starts it
// next to Medusa). Env: STOREFRONT_PORT (8000), MEDUSA_BACKEND_URL
// (http://localhost:9000), MEDUSA_PUBLISHABLE_KEY (default: .data/seed.json).
import { pathToFileURL } from "node:url"
import { demoConfig, publishableKey } from "../scripts/vite-config.mjs"

/** Starts the demo's Vite dev server; resolves with its URL and a close(). */
export async function startDemoStorefront({
  port = Number(process.env.STOREFRONT_PORT || 8000),
  medusaUrl = process.env.MEDUSA_BACKEND_URL || "http://localhost:9000",
  publishableKey: pk = publishableKey(),
  host = process.env.STOREFRONT_HOST || "localhost",
} = {}) {
  const { createServer } = await import("vite")
  const server = await createServer(demoConfig({ medusaUrl, publishableKey: pk, port, host }))
  await server.listen()
  const url = `http://${host}:${port}`
  return { url, close: () => server.close() }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, close } = await startDemoStorefront()
  if (!publishableKey()) {
    console.warn("Storefront: no publishable key (set MEDUSA_PUBLISHABLE_KEY or run `npm run dev` once to seed).")
  }
  console.log(`Storefront ready at ${url}`)
  const stop = async () => {
    await close()
    process.exit(0)
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}
