import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { activationsUsed, heldActivations, issueLicense } from "../helpers/licenses"

jest.setTimeout(180 * 1000)

// Per-product IP enforcement (docs/product-controls.md "IP enforcement"): which identity counts
// toward the cap, over real HTTP from real loopback source addresses on a real database.

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: Headers
    const freshIp = sourceAddresses(22)
    const FINGERPRINT = "a".repeat(64)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (body: Record<string, unknown>, from = freshIp()) => client.post("/licenses/verify", body, { from })
    const saveSettings = (productId: string, body: Record<string, unknown>) =>
      api.post(`/admin/products/${productId}/license-settings`, body, { ...auth, validateStatus: () => true })

    const productWithLicense = async (maxActivations = 5) => {
      const [product] = await getContainer()
        .resolve(Modules.PRODUCT)
        .createProducts([{ title: `IP mode ${freshIp.count}-${Math.random().toString(36).slice(2, 8)}` }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, max_activations: maxActivations })
      return { productId: product.id, license, key }
    }

    it("defaults to domain_or_ip, saves a mode, and refuses an unknown one with 400", async () => {
      const { productId } = await productWithLicense()
      const read = await api.get(`/admin/products/${productId}/license-settings`, auth)
      expect(read.data.license_settings.ip_enforcement).toBe("domain_or_ip")
      const bad = await saveSettings(productId, { ip_enforcement: "everything" })
      expect(bad.status).toBe(400)
      const saved = await saveSettings(productId, { ip_enforcement: "ip_only" })
      expect(saved.status).toBe(200)
      expect(saved.data.license_settings.ip_enforcement).toBe("ip_only")
    })

    it("domain_only: a call without a domain answers domain_required and takes no slot; with one, the domain counts", async () => {
      const { productId, license, key } = await productWithLicense()
      expect((await saveSettings(productId, { ip_enforcement: "domain_only" })).status).toBe(200)
      const bare = await verify({ license_key: key })
      expect(bare.status).toBe(200)
      expect(bare.data).toMatchObject({ valid: false, code: "domain_required", message: "This product requires the domain in the request" })
      expect(await activationsUsed(getContainer(), license.id)).toBe(0)

      expect((await verify({ license_key: key, domain: "shop.example" })).data).toMatchObject({ valid: true, code: "valid" })
      // A machine that also names its domain holds its own slot; without a domain it is refused.
      expect((await verify({ license_key: key, domain: "shop.example", fingerprint: FINGERPRINT })).data.code).toBe("valid")
      expect((await verify({ license_key: key, fingerprint: "b".repeat(64) })).data.code).toBe("domain_required")
      const held = (await heldActivations(getContainer(), license.id)).map((a) => a.kind).sort()
      expect(held).toEqual(["domain", "machine"])
      // A revoked or otherwise refused key says so first.
      await saveSettings(productId, { archived: true })
      expect((await verify({ license_key: key })).data.code).toBe("product_archived")
    })

    it("ip_only: the client IP counts whatever domain or fingerprint is sent; the domain is recorded as the slot's name", async () => {
      const { productId, license, key } = await productWithLicense(1)
      expect((await saveSettings(productId, { ip_enforcement: "ip_only" })).status).toBe(200)
      const server = freshIp()
      expect((await verify({ license_key: key, domain: "one.example" }, server)).data).toMatchObject({
        valid: true,
        identity: { kind: "ip", value: server },
      })
      // Another domain from the same server is the same slot; the cap of 1 refuses a second server.
      expect((await verify({ license_key: key, domain: "two.example" }, server)).data.code).toBe("valid")
      expect((await verify({ license_key: key, fingerprint: FINGERPRINT }, server)).data.code).toBe("valid")
      expect((await verify({ license_key: key, domain: "one.example" })).data.code).toBe("max_activations_exceeded")
      const held = await heldActivations(getContainer(), license.id)
      expect(held.map((a) => ({ kind: a.kind, identifier: a.identifier, name: a.name }))).toEqual([
        { kind: "ip", identifier: server, name: "one.example" },
      ])
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      // The cap switch still decides whether the cap applies at all.
      expect((await saveSettings(productId, { enforce_activation_limit: false })).status).toBe(200)
      expect((await verify({ license_key: key, domain: "one.example" })).data.code).toBe("valid")
    })

    it("domain_or_ip (default) is unchanged: a domain counts, else the IP", async () => {
      const { license, key } = await productWithLicense()
      const server = freshIp()
      expect((await verify({ license_key: key, domain: "a.example" }, server)).data.code).toBe("valid")
      expect((await verify({ license_key: key }, server)).data.code).toBe("valid")
      const held = (await heldActivations(getContainer(), license.id)).map((a) => a.kind).sort()
      expect(held).toEqual(["domain", "ip"])
    })
  },
})
