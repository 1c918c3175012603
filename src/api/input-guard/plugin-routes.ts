/**
 * The URL prefixes of every route of the plugin (src/api). The input guard and
 * the error mapping apply to exactly these; the route fuzz test
 * (integration-tests/http/fuzz-routes.spec.ts) fails when a route file is not
 * under one of them.
 */
export const PLUGIN_ROUTE_PREFIXES = [
  "/admin/licenses",
  "/admin/license-policies",
  "/admin/license-settings",
  "/admin/license-transfers",
  "/admin/license-webhooks",
  "/admin/products/:id/license-policies",
  "/admin/products/:id/license-settings",
  "/admin/products/:id/license-usage",
  "/admin/orders/:id/license-notice",
  "/store/customers/me/license-claims",
  "/store/customers/me/licenses",
  "/licenses",
  "/hooks/licenses",
  "/admin/products/:id/releases",
  "/store/license-renewals",
  "/store/license-upgrades",
  // The KeyPort-compatible API (docs/migrating-from-keyport.md): 404 unless turned on
  "/api/v1/license",
  "/api/v1/validate",
] as const

const PREFIX_PATTERNS = PLUGIN_ROUTE_PREFIXES.map(
  (prefix) => new RegExp(`^${prefix.replace(/:[a-z_]+/g, "[^/]+")}(?:/|$)`)
)

/** Whether a request path (without the query string) belongs to the plugin. */
export const isPluginPath = (path: string) => PREFIX_PATTERNS.some((pattern) => pattern.test(path))
