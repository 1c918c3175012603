import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { activationsUsed, heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

jest.setTimeout(180 * 1000)

// Local and staging sites (docs/verify-api.md "Local and staging sites"): on a key whose
// policy makes them free, they verify `valid` with `identity.local = true` and never take a slot.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: { headers: Record<string, string> }
    const freshIp = sourceAddresses(18)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (body: unknown, from = freshIp()) => client.post("/licenses/verify", body, { from })
    const settings = (body: unknown, headers = auth) =>
      api.post("/admin/license-settings", body, { ...headers, validateStatus: () => true })

    it("built-in local and staging sites verify valid without a slot, also when every slot is taken", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 1, local_sites_free: true })
      expect((await verify({ license_key: key, domain: "https://shop.com/" })).data).toMatchObject({
        valid: true,
        identity: { kind: "domain", value: "shop.com" },
        license: { activations_used: 1 },
      })
      const local = [
        ["http://localhost:8080/wp-admin", "localhost"],
        ["127.0.0.1", "127.0.0.1"],
        ["[::1]:8443", "::1"],
        ["192.168.1.20", "192.168.1.20"],
        ["10.1.2.3", "10.1.2.3"],
        ["172.20.0.5", "172.20.0.5"],
        ["[fd00::5]", "fd00::5"],
        ["mysite.local", "mysite.local"],
        ["shop.test", "shop.test"],
        ["shop.localhost", "shop.localhost"],
        ["shop.invalid", "shop.invalid"],
        ["shop.example", "shop.example"],
        ["dev.shop.com", "dev.shop.com"],
        ["STAGING.shop.com:8080", "staging.shop.com"],
        ["stage.bücher.de", "stage.xn--bcher-kva.de"],
      ]
      for (const [domain, value] of local) {
        const res = await verify({ license_key: key, domain })
        expect([domain, res.status, res.data.valid, res.data.code, res.data.identity]).toEqual([
          domain,
          200,
          true,
          "valid",
          { kind: "domain", value, local: true },
        ])
        expect(res.data.license.activations_used).toBe(1)
      }
      expect((await verify({ license_key: key, domain: "other-shop.com" })).data.code).toBe("max_activations_exceeded")
      expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["shop.com"])
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      // Nothing to free: a local site holds no slot.
      const freed = await client.post("/licenses/deactivate", { license_key: key, domain: "localhost" }, { from: freshIp() })
      expect(freed.data).toMatchObject({ deactivated: false, code: "not_activated" })
    })

    it("a key issued without the policy's consent (off) counts local sites as today", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
      const first = await verify({ license_key: key, domain: "localhost" })
      expect(first.data).toMatchObject({ valid: true, identity: { kind: "domain", value: "localhost" }, license: { activations_used: 1 } })
      expect(first.data.identity.local).toBeUndefined()
      expect((await verify({ license_key: key, domain: "staging.shop.com" })).data.code).toBe("max_activations_exceeded")
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)
    })

    it("refusals come first: a revoked key is refused on localhost; a machine on a local domain takes its slot", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 2, local_sites_free: true })
      const machine = await verify({ license_key: key, domain: "localhost", fingerprint: "dev-laptop-fingerprint-0001" })
      expect(machine.data).toMatchObject({ valid: true, identity: { kind: "machine" }, license: { activations_used: 1 } })
      expect((await api.post(`/admin/licenses/${license.id}/revoke`, { reason: "test" }, auth)).status).toBe(200)
      const refused = await verify({ license_key: key, domain: "localhost" })
      expect(refused.data).toMatchObject({ valid: false, code: "revoked" })
    })

    it("the store's patterns: saved by the admin (normalised), they make matching sites local on local-free keys", async () => {
      const unauthenticated = await api.post("/admin/license-settings", { local_site_patterns: [] }, { validateStatus: () => true })
      expect(unauthenticated.status).toBe(401)

      const bad = await settings({ local_site_patterns: ["*.com"] })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/not a usable local site pattern/)
      expect((await settings({ local_site_patterns: "x" })).status).toBe(400)

      const saved = await settings({ local_site_patterns: ["*.WPEngine.com", "*.kinsta.cloud", "https://preview.shop.com/", "*.wpengine.com"] })
      expect(saved.status).toBe(200)
      expect(saved.data.license_store_settings.local_site_patterns).toEqual(["*.wpengine.com", "*.kinsta.cloud", "preview.shop.com"])
      const read = await api.get("/admin/license-settings", auth)
      expect(read.data.license_store_settings.local_site_patterns).toEqual(["*.wpengine.com", "*.kinsta.cloud", "preview.shop.com"])
      expect(read.data.license_store_settings.built_in_local_rules.length).toBeGreaterThan(0)

      const { license, key } = await issueLicense(getContainer(), { max_activations: 1, local_sites_free: true })
      for (const domain of ["mysite.wpengine.com", "env-1.kinsta.cloud", "preview.shop.com"]) {
        expect((await verify({ license_key: key, domain })).data).toMatchObject({ valid: true, identity: { value: domain, local: true } })
      }
      expect((await verify({ license_key: key, domain: "wpengine.com" })).data).toMatchObject({ valid: true, license: { activations_used: 1 } })
      expect((await verify({ license_key: key, domain: "www.preview.shop.com" })).data.code).toBe("max_activations_exceeded")
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      // Removing a pattern counts the site again.
      expect((await settings({ local_site_patterns: [] })).data.license_store_settings.local_site_patterns).toEqual([])
      expect((await verify({ license_key: key, domain: "mysite.wpengine.com" })).data.code).toBe("max_activations_exceeded")
    })

    it("a new policy makes local sites free unless the admin says otherwise; the key keeps its policy's choice", async () => {
      const url = `/admin/products/${store.product_id}/license-policies`
      const before = (await api.get(url, auth)).data.license_policies
      expect(before.find((p: any) => p.variant_id === store.variants["5 sites"]).local_sites_free).toBe(false)

      const licenses = licenseService(getContainer())
      // A policy created without the field: on.
      await licenses.deleteLicensePolicies((await licenses.listLicensePolicies({ variant_id: store.variants["Unlimited sites"] }))[0].id)
      const created = await api.post(url, { policies: [{ variant_id: store.variants["Unlimited sites"], licensed: true, max_activations: 0, term_days: null }] }, auth)
      expect(created.status).toBe(200)
      const after = (await api.get(url, auth)).data.license_policies
      expect(after.find((p: any) => p.variant_id === store.variants["Unlimited sites"]).local_sites_free).toBe(true)
      // Saved without the field: unchanged; with it: as given.
      await api.post(url, { policies: [{ variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365 }] }, auth)
      expect((await api.get(url, auth)).data.license_policies.find((p: any) => p.variant_id === store.variants["5 sites"]).local_sites_free).toBe(false)
      const on = await api.post(url, { policies: [{ variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365, local_sites_free: true }] }, auth)
      expect(on.status).toBe(200)
      expect((await api.get(url, auth)).data.license_policies.find((p: any) => p.variant_id === store.variants["5 sites"]).local_sites_free).toBe(true)
      const wrongType = await api.post(url, { policies: [{ variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365, local_sites_free: "yes" }] }, { ...auth, validateStatus: () => true })
      expect(wrongType.status).toBe(400)
    })
  },
})
