import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { randomBytes } from "node:crypto"
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import { isPluginPath } from "../../src/api/input-guard/plugin-routes"
import type LicenseModuleService from "../../src/modules/license/service"
import { customerAccount } from "../helpers/customer-licenses"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"
import { issueLicense } from "../helpers/licenses"

jest.setTimeout(240 * 1000)

// Every route file of the plugin (src/api/**/route.ts, with the methods it
// exports) is called with a NUL byte and out-of-range dates in each path
// parameter, query parameter and body field it takes, and with junk bodies,
// authenticated as the route needs (docs/proofs.md, "What we test and the numbers"). Every
// request is invalid, so: no answer >= 500, a NUL byte anywhere is 400
// `invalid_request`, an out-of-range date is 400, and no license table changes.
// A route file without an entry in ROUTES below fails the test.

process.env.STRIPE_LICENSE_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("hex")}`

const API_DIR = path.resolve(__dirname, "../../src/api")

/** "METHOD /path/:param" for every exported handler of every route.ts under src/api. */
function routesFromFiles(): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full)
      } else if (entry.name === "route.ts") {
        const route =
          "/" +
          path
            .relative(API_DIR, dir)
            .split(path.sep)
            .map((segment) => segment.replace(/^\[(.+)\]$/, ":$1"))
            .join("/")
        const source = fs.readFileSync(full, "utf8")
        for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${match[1]} ${route}`)
        }
      }
    }
  }
  walk(API_DIR)
  return found.sort()
}

type Kind = "id" | "text" | "email" | "date" | "int" | "bool" | "enum" | "texts" | "record" | "policies"
type Fixtures = {
  licenseId: string
  activationId: string
  key: string
  customerId: string
  productId: string
  variantId: string
  webhookId: string
  deliveryId: string
  transferId: string
  orderId: string
}
type RouteInput = {
  /** The value of each path parameter in a valid request. */
  params?: Record<string, string>
  query?: string[]
  /** A valid body and the kind of each field; null: the route reads no body. */
  body?: { valid: Record<string, unknown>; kinds: Record<string, Kind> } | null
}

const NUL_TEXTS = ["\u0000", "a\u0000b"]
/** Below PostgreSQL's 4713 BC, above year 9999, or JS-valid numbers that become such dates. */
const BAD_DATES: unknown[] = [
  "-271821-04-20T00:00:00.000Z",
  "-004714-01-01T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "+010000-01-01T00:00:00.000Z",
  8.64e15,
  -8.64e15,
  true,
  "not a date",
]
const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
const WRONG_TYPES: unknown[] = [[], {}, 1e308, -1, 1.5, true, null, [1, [2, [3]]], deep(50, 1)]

/** Values that make a field invalid, by kind: [value, class]. */
function badValues(kind: Kind): [unknown, "nul" | "date" | "junk"][] {
  const nul: [unknown, "nul"][] = NUL_TEXTS.map((v) => [v, "nul"])
  const wrong: [unknown, "junk"][] = WRONG_TYPES.map((v) => [v, "junk"])
  switch (kind) {
    case "date":
      return [...nul, ...BAD_DATES.map((v): [unknown, "date"] => [v, "date"])]
    case "int":
      return [...nul, ...wrong.filter(([v]) => typeof v !== "number" || v === 1e308 || v === -1 || v === 1.5), [2 ** 53 + 1, "junk"], ["5", "junk"]]
    case "bool":
      return [...nul, ...wrong.filter(([v]) => typeof v !== "boolean"), ["true", "junk"], [1, "junk"]]
    case "texts":
      return [[["\u0000"], "nul"], [["ok", "a\u0000b"], "nul"], [[{ x: 1 }], "junk"], ["single", "junk"], [1e308, "junk"]]
    case "record":
      return [[{ k: "\u0000" }, "nul"], [{ "\u0000": 1 }, "nul"], [{ k: [{ j: "x\u0000" }] }, "nul"], [[1], "junk"], ["text", "junk"], [1e308, "junk"]]
    case "policies":
      return [
        [[{ variant_id: "\u0000", licensed: true, max_activations: 1, term_days: null }], "nul"],
        [[{ variant_id: "v", licensed: "\u0000", max_activations: 1, term_days: null }], "nul"],
        [[{ variant_id: "v", licensed: true, max_activations: 1e308, term_days: null }], "junk"],
        [{}, "junk"],
        [[], "junk"],
        [deep(50, 1), "junk"],
      ]
    default:
      // text and enum fields may be nullable: null is no junk for them
      return [...nul, ...wrong.filter(([v]) => v !== null)]
  }
}

/** The inputs of every plugin route. A route file that is missing here fails the test. */
function routeInputs(f: Fixtures): Record<string, RouteInput> {
  const license = { id: f.licenseId }
  const body = (valid: Record<string, unknown>, kinds: Record<string, Kind>) => ({ valid, kinds })
  const verifyBody = body(
    { license_key: f.key, domain: "fuzz.example", product_id: f.productId, variant_id: f.variantId, version: "1.0.0" },
    { license_key: "text", domain: "text", product_id: "text", variant_id: "text", version: "text", entitlements: "texts" }
  )
  // Offline license files (docs/entitlements-and-license-files.md)
  const activationRequest = body(
    { activation_request: { type: "license_activation_request", version: 1, key_hint: f.key.slice(-5), fingerprint: "fuzz-machine-0123456789" }, encrypt: true },
    { activation_request: "text", encrypt: "bool" }
  )
  const listQuery = ["q", "status", "customer_id", "order_id", "product_id", "variant_id", "expiring_within_days"]
  return {
    "GET /admin/license-policies": { query: ["licensed"] },
    "GET /admin/license-transfers": { query: ["license_id", "status", "limit", "offset"] },
    "POST /admin/license-transfers": {
      body: body({ license_id: f.licenseId, email: "new-owner@example.com", note: "n" }, { license_id: "id", email: "email", note: "text" }),
    },
    "POST /admin/license-transfers/:id/approve": { params: { id: f.transferId }, body: body({ note: "n" }, { note: "text" }) },
    "POST /admin/license-transfers/:id/deny": { params: { id: f.transferId }, body: body({ note: "n" }, { note: "text" }) },
    "POST /admin/license-transfers/:id/cancel": { params: { id: f.transferId }, body: body({}, {}) },
    "GET /admin/license-webhooks": {},
    // Store-wide settings (docs/verify-api.md "Local and staging sites")
    "GET /admin/license-settings": {},
    "POST /admin/license-settings": { body: body({ local_site_patterns: ["*.fuzz-host.example"] }, { local_site_patterns: "texts" }) },
    "POST /admin/license-webhooks": {
      body: body(
        { url: "https://93.184.216.34/fuzz", events: ["license.issued"], enabled: false, description: "d" },
        { url: "text", events: "texts", enabled: "bool", keyport_compatible: "bool", description: "text" }
      ),
    },
    "GET /admin/license-webhooks/:id": { params: { id: f.webhookId } },
    "POST /admin/license-webhooks/:id": {
      params: { id: f.webhookId },
      body: body({ description: "changed" }, { url: "text", events: "texts", enabled: "bool", keyport_compatible: "bool", description: "text" }),
    },
    "DELETE /admin/license-webhooks/:id": { params: { id: f.webhookId }, body: null },
    "GET /admin/license-webhooks/:id/deliveries": { params: { id: f.webhookId }, query: ["status", "limit", "offset"] },
    "POST /admin/license-webhooks/:id/deliveries/:delivery_id/resend": {
      params: { id: f.webhookId, delivery_id: f.deliveryId },
      body: null,
    },
    "POST /admin/license-webhooks/:id/rotate-secret": { params: { id: f.webhookId }, body: null },
    "GET /admin/licenses": { query: [...listQuery, "limit", "offset", "order"] },
    "POST /admin/licenses": {
      body: body(
        { customer_id: f.customerId, variant_id: f.variantId, expires_at: "2030-01-01T00:00:00.000Z", max_activations: 2, notes: "n" },
        { customer_id: "id", customer_email: "email", customer_discord_id: "text", variant_id: "id", expires_at: "date", max_activations: "int", notes: "text" }
      ),
    },
    "POST /admin/licenses/bulk-revoke": { body: body({ ids: [f.licenseId], reason: "r" }, { ids: "texts", reason: "text" }) },
    "GET /admin/licenses/export": { query: listQuery },
    "GET /admin/licenses/overview": { query: ["days", "expiring_within_days"] },
    "GET /admin/licenses/:id": {
      params: license,
      query: ["activations_limit", "activations_offset", "events_limit", "events_offset"],
    },
    "GET /admin/orders/:id/license-notice": { params: { id: f.orderId } },
    "POST /admin/orders/:id/license-notice/resend": { params: { id: f.orderId }, body: null },
    "POST /admin/licenses/:id": {
      params: license,
      body: body(
        { notes: "changed" },
        {
          expires_at: "date",
          max_activations: "int",
          notes: "text",
          version_mode: "enum",
          version_pinned: "text",
          version_range: "text",
          custom_data: "record",
          blocked_domains: "texts",
          blocked_ips: "texts",
          customer_discord_id: "text",
        }
      ),
    },
    "DELETE /admin/licenses/:id/activations/:activation_id": { params: { id: f.licenseId, activation_id: f.activationId }, body: null },
    "POST /admin/licenses/:id/reinstate": { params: license, body: body({ reason: "r" }, { reason: "text" }) },
    "POST /admin/licenses/:id/reset": { params: license, body: null },
    "POST /admin/licenses/:id/revoke": { params: license, body: body({ reason: "r" }, { reason: "text" }) },
    "POST /admin/licenses/:id/entitlements": { params: license, body: body({ add: ["pro-export"], remove: ["sso"] }, { add: "texts", remove: "texts" }) },
    "POST /admin/licenses/:id/offline-activation": { params: license, body: activationRequest },
    "POST /admin/licenses/:id/suspend": { params: license, body: body({ reason: "r" }, { reason: "text" }) },
    "GET /admin/products/:id/license-policies": { params: { id: f.productId } },
    "POST /admin/products/:id/license-policies": {
      params: { id: f.productId },
      body: body({ policies: [{ variant_id: f.variantId, licensed: true, max_activations: 3, term_days: 30 }] }, { policies: "policies" }),
    },
    "GET /admin/products/:id/license-settings": { params: { id: f.productId } },
    "POST /admin/products/:id/license-settings": {
      params: { id: f.productId },
      body: body(
        { sign_answers: true },
        {
          require_api_key: "bool",
          enforce_activation_limit: "bool",
          enforce_expiry: "bool",
          sign_answers: "bool",
          version_mode: "enum",
          version_pinned: "text",
          version_range: "text",
          custom_data: "record",
          archived: "bool",
          blocked_domains: "texts",
          blocked_ips: "texts",
          webhooks_enabled: "bool",
          ip_enforcement: "enum",
          daily_verify_quota: "int",
        }
      ),
    },
    "POST /admin/products/:id/license-settings/api-key": { params: { id: f.productId }, body: null },
    "GET /admin/products/:id/license-usage": { params: { id: f.productId }, query: ["days"] },
    "POST /hooks/licenses/stripe": {
      body: body({ id: "evt_1", type: "charge.refunded", data: { object: { id: "ch_1" } } }, { id: "text", type: "text", data: "record" }),
    },
    "GET /licenses/:key": { params: { key: f.key } },
    // The KeyPort-compatible API (off in this boot: 404 after the input guard and body checks)
    "GET /api/v1/license/:key": { params: { key: f.key } },
    "POST /api/v1/validate": {
      body: body(
        { license_key: f.key, version: "1.0.0", device_id: "d", domain: "fuzz.example" },
        { license_key: "text", version: "text", device_id: "text", domain: "text" }
      ),
    },
    "POST /licenses/lookup": { body: body({ license_key: f.key }, { license_key: "text" }) },
    "POST /licenses/deactivate": { body: verifyBody },
    "POST /licenses/heartbeat": {
      body: body(
        { license_key: f.key, fingerprint: "fuzz-machine-0123456789", name: "Fuzz box" },
        { license_key: "text", fingerprint: "text", name: "text" }
      ),
    },
    "GET /licenses/public-key": { query: ["format"] },
    "POST /licenses/verify": { body: verifyBody },
    "POST /licenses/checkout": {
      body: body({ ...verifyBody.valid, fingerprint: "fuzz-machine-0123456789", encrypt: true }, { ...verifyBody.kinds, fingerprint: "text", encrypt: "bool" }),
    },
    "POST /store/customers/me/license-claims": { body: body({ token: "not-a-claim-token" }, { token: "text" }) },
    "GET /store/customers/me/licenses": { query: ["limit", "offset"] },
    "GET /store/customers/me/licenses/:id": { params: license },
    "DELETE /store/customers/me/licenses/:id/activations/:activation_id": {
      params: { id: f.licenseId, activation_id: f.activationId },
      body: null,
    },
    "POST /store/customers/me/licenses/:id/offline-activation": { params: license, body: activationRequest },
    "GET /store/customers/me/licenses/:id/transfer": { params: license },
    "POST /store/customers/me/licenses/:id/transfer": { params: license, body: body({ email: "someone@example.com" }, { email: "email" }) },
    "DELETE /store/customers/me/licenses/:id/transfer": { params: license, body: null },
    // Software delivery (docs/software-delivery.md). The upload reads multipart only: every JSON or form body is refused.
    "GET /admin/products/:id/releases": { params: { id: f.productId } },
    "POST /admin/products/:id/releases": {
      params: { id: f.productId },
      body: body({ version: "1.0.0" }, { version: "text", channel: "text", changelog: "text", wp_requires: "text", required_entitlement: "text" }),
    },
    "POST /admin/products/:id/releases/:release_id": {
      params: { id: f.productId, release_id: "lrel_fuzz" },
      body: body({ changelog: "c" }, { changelog: "text", wp_requires: "text", wp_tested: "text", wp_requires_php: "text", required_entitlement: "text", version: "text", channel: "text" }),
    },
    "DELETE /admin/products/:id/releases/:release_id": { params: { id: f.productId, release_id: "lrel_fuzz" }, body: null },
    "POST /admin/products/:id/releases/:release_id/publish": { params: { id: f.productId, release_id: "lrel_fuzz" }, body: null },
    "POST /admin/products/:id/releases/:release_id/yank": { params: { id: f.productId, release_id: "lrel_fuzz" }, body: null },
    "POST /licenses/updates": { body: body({ ...verifyBody.valid, channel: "stable" }, { ...verifyBody.kinds, channel: "enum" }) },
    "GET /licenses/updates/wordpress": { query: ["license", "url", "version", "slug", "beta", "channel"] },
    "POST /licenses/updates/wordpress": {
      body: body(
        { license: f.key, url: "https://fuzz.example", version: "1.0.0", slug: "fuzz" },
        // beta is not fuzzed: EDD's updaters send it as true, "1" or "true", all valid
        { license: "text", url: "text", version: "text", slug: "text", channel: "enum" }
      ),
    },
    "GET /licenses/downloads/:token": { params: { token: "not-a-token" } },
    "GET /store/customers/me/licenses/:id/releases": { params: license },
    // Renewals (docs/renewals-and-upgrades.md): a cart that does not exist, so nothing is added
    "GET /admin/licenses/:id/renewals": { params: license },
    "GET /store/customers/me/licenses/:id/renew": { params: license, query: ["region_id"] },
    "POST /store/customers/me/licenses/:id/renew": { params: license, body: body({ cart_id: "cart_fuzz" }, { cart_id: "text" }) },
    "POST /store/license-renewals": { body: body({ cart_id: "cart_fuzz", license_key: f.key }, { cart_id: "text", license_key: "text" }) },
    // Upgrades (docs/renewals-and-upgrades.md "Upgrades"): a cart that does not exist, so nothing is added
    "GET /admin/licenses/:id/upgrades": { params: license },
    "GET /store/customers/me/licenses/:id/upgrade": { params: license, query: ["region_id"] },
    "POST /store/customers/me/licenses/:id/upgrade": {
      params: license,
      body: body({ cart_id: "cart_fuzz", variant_id: f.variantId }, { cart_id: "text", variant_id: "text" }),
    },
    "POST /store/license-upgrades": {
      body: body({ cart_id: "cart_fuzz", license_key: f.key, variant_id: f.variantId }, { cart_id: "text", license_key: "text", variant_id: "text" }),
    },
  }
}

/** Row count and checksum of every license table. */
async function licenseTables(container: MedusaContainer) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows: tables } = await knex.raw(
    // license_job_cursor is the reconciliation job's clock: it moves every minute, whatever the requests do.
    `SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename LIKE 'license%' AND tablename <> 'license_job_cursor'
      ORDER BY tablename`
  )
  const result: Record<string, { n: number; sum: string }> = {}
  for (const { tablename } of tables as { tablename: string }[]) {
    const { rows } = await knex.raw(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(x, '' ORDER BY x)), '') AS sum
         FROM (SELECT md5(to_jsonb(t)::text) AS x FROM "${tablename}" t) s`
    )
    result[tablename] = rows[0]
  }
  return result
}

const hasNul = (value: unknown) => JSON.stringify(value)?.includes("\\u0000") ?? false
const fill = (route: string, params: Record<string, string>) =>
  route.replace(/:([a-z_]+)/g, (_, name: string) => params[name] ?? "missing")

type Case = {
  method: string
  url: string
  /** JSON (an object) or a raw string with its content type. */
  data?: unknown
  raw?: { text: string; type: string }
  expect: "nul" | "date" | "junk"
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("every store, admin, public and hook route: NUL bytes, out-of-range dates and junk are 4xx, never 5xx, and change no license table", async () => {
      const container = getContainer()
      const licenses = container.resolve<LicenseModuleService>("license")
      const admin = await adminHeaders(api, store)
      const customer = await customerAccount(api, store, `fuzz-routes-${Date.now()}@example.com`)
      const variantId = store.variants["5 sites"]
      const { license, key } = await issueLicense(container, {
        customer_id: customer.id,
        product_id: store.product_id,
        variant_id: variantId,
        max_activations: 0,
      })
      const port = new URL(api.defaults.baseURL!).port
      const verified = await api.post(`http://127.0.0.1:${port}/licenses/verify`, { license_key: key, domain: "held.example" })
      expect(verified.data.code).toBe("valid")
      const [activation] = await licenses.listLicenseActivations({ license_id: license.id }, { take: 1 })
      const apiKey: string = (await api.post(`/admin/products/${store.product_id}/license-settings/api-key`, {}, admin)).data.api_key
      const webhook = (
        await api.post("/admin/license-webhooks", { url: "https://93.184.216.34/fixture", events: ["license.revoked"], enabled: false }, admin)
      ).data.webhook
      const [delivery] = await (
        licenses as unknown as { createLicenseWebhookDeliveries(d: unknown[]): Promise<{ id: string }[]> }
      ).createLicenseWebhookDeliveries([
        { endpoint_id: webhook.id, event_id: "evt_fuzz", type: "license.revoked", license_id: license.id, payload: {}, status: "failed" },
      ])
      const transfer = await api.post(
        `/store/customers/me/licenses/${license.id}/transfer`,
        { email: "next-owner@example.com" },
        { headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${customer.token}` } }
      )
      expect(transfer.status).toBe(201)

      const fixtures: Fixtures = {
        licenseId: license.id,
        activationId: activation.id,
        key,
        customerId: customer.id,
        productId: store.product_id,
        variantId,
        webhookId: webhook.id,
        deliveryId: delivery.id,
        transferId: transfer.data.transfer.id,
        orderId: (await placeOrder(api, store, [{ variant_id: variantId, quantity: 1 }])).id,
      }
      // The order's keys and their e-mail are written after the checkout answered: before the snapshot.
      await waitFor(() => licenses.retrieveIssuanceNotice(fixtures.orderId), (notice) => notice?.status === "sent")
      const inputs = routeInputs(fixtures)
      const routes = routesFromFiles()
      const missing = routes.filter((route) => !(route in inputs))
      const stale = Object.keys(inputs).filter((route) => !routes.includes(route))

      const cases: Case[] = []
      for (const route of routes.filter((r) => r in inputs)) {
        const [method, pattern] = route.split(" ")
        const input = inputs[route]
        const params = input.params ?? {}
        const validBody = input.body ? input.body.valid : undefined
        const url = fill(pattern, params)
        const add = (c: Omit<Case, "method">) => cases.push({ method, ...c })
        // path parameters
        for (const name of Object.keys(params)) {
          for (const [value, kind] of [
            ["%00", "nul"],
            [`${encodeURIComponent(params[name])}%00`, "nul"],
            [encodeURIComponent("-271821-04-20T00:00:00.000Z"), "junk"],
            ["x".repeat(300), "junk"],
          ] as const) {
            add({ url: fill(pattern, { ...params, [name]: value }), data: validBody, expect: kind })
          }
        }
        // query parameters, and one the route does not know (a route that acts gets only the
        // NUL ones: with its valid body, any other query would be a valid request)
        for (const name of [...(input.query ?? []), "unknown_param"]) {
          for (const [value, kind] of ([
            [`${name}=%00`, "nul"],
            [`${name}=a%00b`, "nul"],
            [`${name}[]=%00`, "nul"],
            [`${name}[a][b]=x%00`, "nul"],
            [`${name}=${encodeURIComponent("-271821-04-20T00:00:00.000Z")}`, "junk"],
            [`${name}=1e308`, "junk"],
            [`${name}[a][b][c]=1`, "junk"],
          ] as const).filter(([, kind]) => method === "GET" || kind === "nul")) {
            add({ url: `${url}?${value}`, data: validBody, expect: kind })
          }
        }
        if (method === "GET" || input.body === undefined) {
          continue
        }
        // body fields
        if (input.body) {
          for (const [field, kind] of Object.entries(input.body.kinds)) {
            for (const [value, expected] of badValues(kind)) {
              add({ url, data: { ...input.body.valid, [field]: value }, expect: expected })
            }
          }
          add({ url, data: { ...input.body.valid, extra: deep(40, ["x", "\u0000"]) }, expect: "nul" })
        }
        // a NUL byte in any body is refused, even by routes that read none
        add({ url, data: { ...(validBody ?? {}), "\u0000": "x" }, expect: "nul" })
        add({ url, raw: { text: "a=%00&b=1", type: "application/x-www-form-urlencoded" }, expect: "nul" })
        // junk bodies; a route that reads no body would act on them, so it gets ids that do not exist
        const junkUrl = input.body === null ? fill(pattern, Object.fromEntries(Object.keys(params).map((n) => [n, `${n}_nope`]))) : url
        for (const text of ["[]", "[1,2]", "123", '"x"', "null", "{", '{"a":1e999}', "[".repeat(5000) + "]".repeat(5000), '{"a":'.repeat(3000) + "1" + "}".repeat(3000)]) {
          add({ url: junkUrl, raw: { text, type: "application/json" }, expect: "junk" })
        }
        add({ url: junkUrl, raw: { text: "a[b][c][d]=1&a[b][c][e][]=2", type: "application/x-www-form-urlencoded" }, expect: "junk" })
      }

      // the fixture's verify is counted in memory first: write it before the snapshot
      await licenses.flushVerifyWrites()
      const before = await licenseTables(container)
      const keepAlive = new http.Agent({ keepAlive: true })
      const failures: string[] = []
      const statuses = new Map<number, number>()
      let counter = 0
      const customerHeaders = { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${customer.token}` }
      for (const c of cases) {
        counter++
        const headers: Record<string, string> = c.url.startsWith("/admin")
          ? { ...admin.headers }
          : c.url.startsWith("/store")
            ? { ...customerHeaders }
            : c.url.startsWith("/hooks")
              ? { "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${randomBytes(32).toString("hex")}` }
              : { authorization: `Bearer ${apiKey}` }
        if (c.raw) headers["content-type"] = c.raw.type
        const res = await api
          .request({
          url: `http://127.0.0.1:${port}${c.url}`,
          method: c.method,
          data: c.raw ? c.raw.text : c.data,
          headers,
          transformRequest: c.raw ? [(d: unknown) => d] : undefined,
          validateStatus: () => true,
          maxBodyLength: Infinity,
          // a fresh client IP for every Verify API request: its rate limit stays out of the way
          httpAgent: c.url.startsWith("/licenses")
            ? new http.Agent({ localAddress: `127.11.${Math.floor(counter / 250) + 1}.${(counter % 250) + 1}` })
            : keepAlive,
        })
          // a connection the server dropped (e.g. a stream that failed half-way) is a failure too
          .catch((error: Error) => ({ status: 599, data: { aborted: error.message } }))
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        const sent = `${c.method} ${c.url.slice(0, 120)} ${(c.raw?.text ?? JSON.stringify(c.data) ?? "").slice(0, 120)}`
        const answer = `${res.status} ${JSON.stringify(res.data).slice(0, 200)}`
        const nul = c.expect === "nul" || c.url.includes("%00") || hasNul(c.data)
        if (res.status >= 500) {
          failures.push(`5xx: ${sent} -> ${answer}`)
        } else if (nul && !(res.status === 400 && res.data?.code === "invalid_request")) {
          failures.push(`NUL not refused with 400 invalid_request: ${sent} -> ${answer}`)
        } else if (c.expect === "date" && res.status !== 400) {
          failures.push(`bad date not refused with 400: ${sent} -> ${answer}`)
        } else if (res.status < 400 && c.method !== "GET") {
          failures.push(`accepted: ${sent} -> ${answer}`)
        }
      }
      keepAlive.destroy()
      await licenses.flushVerifyWrites()
      const after = await licenseTables(container)
      const changed = Object.keys({ ...before, ...after }).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]))
      console.log(
        `fuzz-routes: ${routes.length} routes, ${cases.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
          `${failures.length} failures, license tables changed: ${changed.length ? changed.join(", ") : "none"}\n` +
          failures.slice(0, 60).join("\n")
      )
      // every route is under a prefix of the shared input guard
      expect(routes.filter((route) => !isPluginPath(route.split(" ")[1].replace(/:[a-z_]+/g, "x")))).toEqual([])
      expect(missing).toEqual([])
      expect(stale).toEqual([])
      expect(failures).toEqual([])
      expect(changed).toEqual([])
    })
  },
})
