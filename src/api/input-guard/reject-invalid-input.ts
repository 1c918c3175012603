import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { maskLicenseKeysInUrl } from "./mask-keys"
import { findNul, urlHasNul } from "./nul"
import { PLUGIN_ROUTE_PREFIXES } from "./plugin-routes"
import { nulMessage, sendInvalidInput } from "./respond"

/**
 * Runs first on every route of the plugin (docs/admin.md, "Bad input"):
 * - masks license keys in `req.originalUrl`, the URL Medusa's HTTP log prints;
 * - answers 400 `invalid_request` to a NUL byte anywhere in the path, the query
 *   string or the parsed body (field names included), before any validator,
 *   workflow or query sees it.
 * The Verify API routes read their body later (their own strict reader): their
 * validator does the same body check (src/api/licenses/validate.ts).
 */
export function rejectInvalidInput(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const url = req.originalUrl
  req.originalUrl = maskLicenseKeysInUrl(url)
  if (urlHasNul(url)) {
    const query = url.indexOf("?")
    return sendInvalidInput(res, nulMessage(query >= 0 && urlHasNul(url.slice(query)) ? "The query string" : "The URL path"))
  }
  const where = findNul(req.body)
  if (where) {
    return sendInvalidInput(res, nulMessage(where))
  }
  next()
}

/** One entry per prefix, no methods: Medusa runs these before every route middleware and handler. */
export const inputGuardMiddlewares: MiddlewareRoute[] = PLUGIN_ROUTE_PREFIXES.map((matcher) => ({
  matcher,
  middlewares: [rejectInvalidInput],
}))
