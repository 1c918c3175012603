import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { createPublicKey } from "node:crypto"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { activationsUsed, issueLicense } from "../helpers/licenses"

jest.setTimeout(240 * 1000)

// The daily verify quota per product (docs/product-controls.md "Daily verify quota"), over real
// HTTP from real loopback source addresses on a real database: an exact count per UTC day in one
// atomic statement, `quota_exceeded` past it until midnight UTC (the Verify runtime's injected clock).

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: Headers
    const freshIp = sourceAddresses(23)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const licenses = (): LicenseModuleService => getContainer().resolve(LICENSE_MODULE)
    const verify = (body: Record<string, unknown>, path = "/licenses/verify") => client.post(path, body, { from: freshIp() })
    const saveSettings = (productId: string, body: Record<string, unknown>) =>
      api.post(`/admin/products/${productId}/license-settings`, body, { ...auth, validateStatus: () => true })
    const counted = async (productId: string): Promise<Record<string, number>> => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw(`SELECT day, count FROM license_quota_day WHERE product_id = ? AND deleted_at IS NULL`, [productId])
      return Object.fromEntries(rows.map((r: { day: string; count: number }) => [r.day, r.count]))
    }
    const today = () => new Date().toISOString().slice(0, 10)
    const nextMidnight = (at: Date) => new Date(Math.floor(at.getTime() / 86_400_000 + 1) * 86_400_000).toISOString()

    const productWithLicense = async (maxActivations = 0) => {
      const [product] = await getContainer()
        .resolve(Modules.PRODUCT)
        .createProducts([{ title: `Quota ${freshIp.count}-${Math.random().toString(36).slice(2, 8)}` }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, max_activations: maxActivations })
      return { productId: product.id, license, key }
    }

    it("defaults to no quota, saves one, and refuses a bad one with a typed 400", async () => {
      const { productId } = await productWithLicense()
      const read = await api.get(`/admin/products/${productId}/license-settings`, auth)
      expect(read.data.license_settings.daily_verify_quota).toBe(0)
      for (const bad of [-1, 2.5, "100", null, 1_000_000_001]) {
        const answer = await saveSettings(productId, { daily_verify_quota: bad })
        expect(answer.status).toBe(400)
        expect(answer.data.type).toBe("invalid_data")
      }
      const saved = await saveSettings(productId, { daily_verify_quota: 250 })
      expect(saved.status).toBe(200)
      expect(saved.data.license_settings.daily_verify_quota).toBe(250)
      expect((await api.get(`/admin/products/${productId}/license-settings`, auth)).data.license_settings.daily_verify_quota).toBe(250)
    })

    it("without a quota, many concurrent verifies are all decided and nothing is counted", async () => {
      const { productId, key } = await productWithLicense()
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => verify({ license_key: key, domain: `free-${i}.example` })))
      expect(answers.map((a) => a.data.code)).toEqual(Array(40).fill("valid"))
      expect(await counted(productId)).toEqual({})
      const usage = await api.get(`/admin/products/${productId}/license-usage`, auth)
      expect(usage.data.quota).toMatchObject({ limit: 0, used: 0, day: today() })
    })

    it("quota N: of 3N concurrent verifies and heartbeats exactly N are decided, the rest answer quota_exceeded, signed, without a slot", async () => {
      const N = 6
      const { productId, license, key } = await productWithLicense()
      expect((await saveSettings(productId, { daily_verify_quota: N })).status).toBe(200)
      const answers = await Promise.all(
        Array.from({ length: 3 * N }, (_, i) =>
          i % 3 === 2
            ? verify({ license_key: key, fingerprint: `quota-machine-${i}-0123456789abcdef` }, "/licenses/heartbeat")
            : verify({ license_key: key, domain: `site-${i}.example` })
        )
      )
      expect(answers.map((a) => a.status)).toEqual(Array(3 * N).fill(200))
      const codes = answers.map((a) => a.data.code)
      expect(codes.filter((c) => c === "valid")).toHaveLength(N)
      expect(codes.filter((c) => c === "quota_exceeded")).toHaveLength(2 * N)
      expect(await counted(productId)).toEqual({ [today()]: N })
      // A refused call took no slot: only the N decided callers hold one.
      expect(await activationsUsed(getContainer(), license.id)).toBe(N)

      const refused = answers.find((a) => a.data.code === "quota_exceeded")!
      const resetsAt = nextMidnight(new Date())
      expect(refused.data).toMatchObject({
        valid: false,
        code: "quota_exceeded",
        message: "This product's daily verify quota is used up until midnight UTC",
        quota: { limit: N, resets_at: resetsAt },
        license: { product_id: productId },
        data: null,
      })
      const publicKey = createPublicKey((await client.get("/licenses/public-key")).data.pem)
      expect(jwt.verify(refused.data.signature, publicKey, { algorithms: ["ES256"] })).toMatchObject({
        valid: false,
        code: "quota_exceeded",
        quota: { limit: N, resets_at: resetsAt },
      })
      // The answers the quota refused are not counted; the admin sees today's exact count.
      expect((await verify({ license_key: key, domain: "site-0.example" })).data.code).toBe("quota_exceeded")
      expect(await counted(productId)).toEqual({ [today()]: N })
      const usage = await api.get(`/admin/products/${productId}/license-usage`, auth)
      expect(usage.data.quota).toEqual({ limit: N, used: N, day: today(), resets_at: resetsAt })
      // Raising the quota lets the next calls in the same day.
      expect((await saveSettings(productId, { daily_verify_quota: N + 1 })).status).toBe(200)
      expect((await verify({ license_key: key, domain: "site-0.example" })).data.code).toBe("valid")
      expect((await verify({ license_key: key, domain: "site-0.example" })).data.code).toBe("quota_exceeded")
    })

    it("counts every decided call of the product's keys, refusals too, and is shared by all its keys", async () => {
      const { productId, key } = await productWithLicense(1)
      const other = (await issueLicense(getContainer(), { product_id: productId, max_activations: 1 })).key
      expect((await saveSettings(productId, { daily_verify_quota: 3 })).status).toBe(200)
      expect((await verify({ license_key: key, domain: "one.example" })).data.code).toBe("valid")
      expect((await verify({ license_key: key, domain: "two.example" })).data.code).toBe("max_activations_exceeded")
      expect(await counted(productId)).toEqual({ [today()]: 2 })
      expect((await verify({ license_key: other, domain: "three.example" })).data.code).toBe("valid")
      expect((await verify({ license_key: other, domain: "three.example" })).data.code).toBe("quota_exceeded")
      expect((await verify({ license_key: key, domain: "one.example" })).data.code).toBe("quota_exceeded")
      expect(await counted(productId)).toEqual({ [today()]: 3 })
    })

    it("rolls over at midnight UTC by the Verify runtime's clock: spent at 23:59:59, valid again at 00:00:00", async () => {
      const { productId, key } = await productWithLicense()
      expect((await saveSettings(productId, { daily_verify_quota: 2 })).status).toBe(200)
      const runtime = licenses().verifyRuntime()
      const realClock = runtime.now
      const lastSecond = new Date("2031-03-14T23:59:59.000Z")
      try {
        runtime.now = () => lastSecond
        expect((await verify({ license_key: key, domain: "night.example" })).data.code).toBe("valid")
        expect((await verify({ license_key: key, domain: "night.example" })).data.code).toBe("valid")
        const spent = await verify({ license_key: key, domain: "night.example" })
        expect(spent.data).toMatchObject({ code: "quota_exceeded", quota: { limit: 2, resets_at: "2031-03-15T00:00:00.000Z" } })

        runtime.now = () => new Date("2031-03-15T00:00:00.000Z")
        expect((await verify({ license_key: key, domain: "night.example" })).data.code).toBe("valid")
        expect(await counted(productId)).toEqual({ "2031-03-14": 2, "2031-03-15": 1 })
      } finally {
        runtime.now = realClock
      }
    })

    it("an archived product's calls answer product_archived and do not count", async () => {
      const { productId, key } = await productWithLicense()
      expect((await saveSettings(productId, { daily_verify_quota: 1, archived: true })).status).toBe(200)
      const archived = await Promise.all(Array.from({ length: 5 }, (_, i) => verify({ license_key: key, domain: `old-${i}.example` })))
      expect(archived.map((a) => a.data.code)).toEqual(Array(5).fill("product_archived"))
      expect(await counted(productId)).toEqual({})
      expect((await saveSettings(productId, { archived: false })).status).toBe(200)
      expect((await verify({ license_key: key, domain: "back.example" })).data.code).toBe("valid")
      expect((await verify({ license_key: key, domain: "back.example" })).data.code).toBe("quota_exceeded")
    })
  },
})
