// The KeyPort-compatible API is off unless the store turns it on (read by medusa-config.ts at boot, hence first).
// keyport-identity.spec.ts boots without it: there, /api/v1 answers 404.
process.env.LICENSE_KEYPORT_COMPATIBLE_API = "true"

import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

jest.setTimeout(180 * 1000)

// A product built for KeyPort points its base URL at <store>/api/v1 (docs/migrating-from-keyport.md):
// GET /api/v1/license/:key answers exactly KeyPort's lookup fields with no side effect, and
// POST /api/v1/validate runs our Verify API and answers KeyPort's status names.

type Auth = { headers: Record<string, string> }

const KEYPORT_FIELDS = [
  "id", "organization_id", "product_id", "global_customer_id", "license_key", "status", "expires_at", "is_lifetime",
  "ip_system_enabled", "max_ips", "current_unique_ip_count", "notes", "version_pin_mode", "version_pinned",
  "version_range_min", "version_range_max", "revoked_at", "created_at", "updated_at", "customer_email",
  "customer_name", "customer_discord_id",
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: Auth
    const freshIp = sourceAddresses(17)
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const getLicense = (key: string, headers: Record<string, string> = {}) =>
      api.get(client.url(`/api/v1/license/${encodeURIComponent(key)}`), { headers, validateStatus: () => true })
    const validate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      client.post("/api/v1/validate", body, { from: freshIp(), headers })

    /** A new product with its API key and one key (cap 2 unless given). */
    async function productWithKey(overrides: Parameters<typeof issueLicense>[1] = {}) {
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `KeyPort ${Math.random().toString(36).slice(2, 8)}` }])
      const apiKey: string = (await api.post(`/admin/products/${product.id}/license-settings/api-key`, {}, auth)).data.api_key
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, max_activations: 2, ...overrides })
      return { productId: product.id as string, apiKey, license, key }
    }

    it("GET /api/v1/license/:key: exactly KeyPort's fields, and no side effect at all", async () => {
      const customer = (await api.post("/admin/customers", { email: "kp-owner@example.com", first_name: "Ada", last_name: "Lovelace" }, auth)).data.customer
      const { productId, apiKey, license, key } = await productWithKey({
        customer_id: customer.id,
        customer_email: "kp-owner@example.com",
        customer_discord_id: "123456789012345678",
        notes: "migrated from KeyPort",
        expires_at: new Date("2031-05-01T00:00:00.000Z"),
      })
      await api.post(`/admin/products/${productId}/license-settings`, { version_mode: "range", version_range: "1.x" }, auth)
      expect((await validate({ license_key: key, domain: "kp.example", version: "1.4.0" }, bearer(apiKey))).data.status).toBe("active")

      const service = licenseService(getContainer())
      await service.flushVerifyWrites()
      const snapshot = async () => ({
        license: await service.retrieveLicense(license.id),
        activations: await heldActivations(getContainer(), license.id),
        events: await service.listLicenseEvents({ license_id: license.id }, { take: null }),
        usage: (await api.get(`/admin/products/${productId}/license-usage`, auth)).data.usage,
      })
      const before = await snapshot()

      const res = await getLicense(key, bearer(apiKey))
      expect(res.status).toBe(200)
      expect(res.headers["cache-control"]).toBe("no-store")
      expect(Object.keys(res.data)).toEqual(KEYPORT_FIELDS)
      const { data: stores } = await getContainer().resolve("query").graph({ entity: "store", fields: ["id"] })
      expect(res.data).toEqual({
        id: license.id,
        organization_id: stores[0].id,
        product_id: productId,
        global_customer_id: customer.id,
        license_key: key,
        status: "active",
        expires_at: "2031-05-01T00:00:00.000Z",
        is_lifetime: false,
        ip_system_enabled: true,
        max_ips: 2,
        current_unique_ip_count: 1,
        notes: "migrated from KeyPort",
        version_pin_mode: "range",
        version_pinned: null,
        version_range_min: "1.0.0",
        version_range_max: "2.0.0",
        revoked_at: null,
        created_at: new Date(before.license.created_at).toISOString(),
        updated_at: expect.any(String),
        customer_email: "kp-owner@example.com",
        customer_name: "Ada Lovelace",
        customer_discord_id: "123456789012345678",
      })
      // Any spelling of the key; several lookups change nothing either.
      expect((await getLicense(key.toLowerCase().replace(/-/g, ""), bearer(apiKey))).data.id).toBe(license.id)
      await service.flushVerifyWrites()
      const after = await snapshot()
      expect(after).toEqual(before)
    })

    it("the lookup needs the product's API key and finds only that product's keys", async () => {
      const mine = await productWithKey()
      const other = await productWithKey()
      const none = await getLicense(mine.key)
      expect([none.status, none.data.code]).toEqual([401, "invalid_api_key"])
      expect((await getLicense(mine.key, bearer("kp_live_wrong"))).status).toBe(401)
      const foreign = await getLicense(other.key, bearer(mine.apiKey))
      expect([foreign.status, foreign.data.code]).toEqual([404, "not_found"])
      const malformed = await getLicense("not-a-key", bearer(mine.apiKey))
      expect([malformed.status, malformed.data.code]).toEqual([400, "malformed"])
      // A revoked key: KeyPort's status and revoked_at.
      await api.post(`/admin/licenses/${mine.license.id}/revoke`, { reason: "chargeback" }, auth)
      const revoked = await getLicense(mine.key, bearer(mine.apiKey))
      expect(revoked.data).toMatchObject({ status: "revoked", revoked_at: expect.any(String), global_customer_id: null, customer_name: null })
    })

    it("POST /api/v1/validate runs the Verify API and answers KeyPort's status names", async () => {
      const { productId, apiKey, license, key } = await productWithKey({ max_activations: 1 })
      const first = await validate({ license_key: key, domain: "one.example", device_id: "ignored" }, bearer(apiKey))
      expect(first.status).toBe(200)
      expect(first.data).toMatchObject({ valid: true, status: "active", code: "valid", license: { id: license.id, current_unique_ip_count: 1, max_ips: 1 } })
      expect(first.data.license).not.toHaveProperty("license_key")
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)

      const full = await validate({ license_key: key, domain: "two.example" }, bearer(apiKey))
      expect(full.data).toMatchObject({ valid: false, status: "ip_limit_reached", code: "max_activations_exceeded" })
      await api.post(`/admin/products/${productId}/license-settings`, { version_mode: "pinned", version_pinned: "2.0.0" }, auth)
      const version = await validate({ license_key: key, domain: "one.example", version: "1.0.0" }, bearer(apiKey))
      expect(version.data).toMatchObject({ valid: false, status: "version_mismatch" })
      await api.post(`/admin/products/${productId}/license-settings`, { version_mode: "off" }, auth)
      await api.post(`/admin/licenses/${license.id}/suspend`, {}, auth)
      expect((await validate({ license_key: key, domain: "one.example" }, bearer(apiKey))).data).toMatchObject({ valid: false, status: "suspended" })

      const unknown = await validate({ license_key: key.slice(0, -1) + (key.endsWith("2") ? "3" : "2") }, bearer(apiKey))
      expect(unknown.data).toMatchObject({ valid: false, status: "invalid", license: null })
      const noKey = await validate({ license_key: key })
      expect([noKey.status, noKey.data.code]).toEqual([401, "invalid_api_key"])
      const badBody = await validate({ version: "1.0.0" }, bearer(apiKey))
      expect([badBody.status, badBody.data.code]).toEqual([400, "invalid_request"])
    })
  },
})
