import Medusa from "@medusajs/js-sdk"

// The dashboard serves the admin from the Medusa server itself: same origin,
// session cookie auth.
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
