import Medusa from "@medusajs/js-sdk"

/**
 * The demo talks to its own origin: the Vite server proxies /store and /auth to
 * Medusa, so the browser needs no CORS. A Next.js starter uses its own `sdk`
 * from src/lib/config.ts instead.
 */
export const sdk = new Medusa({
  baseUrl: "/",
  publishableKey: __MEDUSA_PUBLISHABLE_KEY__,
  auth: { type: "jwt", jwtTokenStorageMethod: "local" },
})
