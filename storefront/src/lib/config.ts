import Medusa from "@medusajs/js-sdk"

// The storefront's one SDK instance, as in Medusa's Next.js starter. Every call
// runs on the server (src/lib/data/*.ts are "use server" files), so the key is
// read at run time: MEDUSA_PUBLISHABLE_KEY, else the starter's
// NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY.
export const MEDUSA_BACKEND_URL = process.env.MEDUSA_BACKEND_URL || "http://localhost:9000"

export const sdk = new Medusa({
  baseUrl: MEDUSA_BACKEND_URL,
  debug: false,
  publishableKey: process.env.MEDUSA_PUBLISHABLE_KEY || process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY,
})
