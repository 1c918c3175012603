/// <reference path="../env.d.ts" />
import Medusa from "@medusajs/js-sdk"

/**
 * Medusa's documented pattern for admin extensions: the dashboard's build
 * defines `__BACKEND_URL__` from `admin.backendUrl` in medusa-config.ts
 * (empty when the dashboard is served by the backend itself, which the SDK
 * reads as the page's own origin). Session cookie auth, like the dashboard.
 * The `typeof` guard keeps a bundle that was built without the define working.
 */
export const backendUrl = typeof __BACKEND_URL__ === "string" && __BACKEND_URL__ ? __BACKEND_URL__ : "/"

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: "session" },
})
