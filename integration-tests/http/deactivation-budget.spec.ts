import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { type Customer, customerAccount, storeClient } from "../helpers/customer-licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { heldActivations, issueLicense, licenseService } from "../helpers/licenses"

jest.setTimeout(180 * 1000)

// The deactivation budget (docs/admin.md "Deactivation budget", docs/verify-api.md):
// a license may free N slots per rolling 30 days (default 3 x max_activations),
// shared by POST /licenses/deactivate, the customer's account and the admin.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: { headers: Record<string, string> }
    const freshIp = sourceAddresses(5)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (key: string, domain: string) => client.post("/licenses/verify", { license_key: key, domain }, { from: freshIp() })
    const deactivate = (key: string, domain: string) =>
      client.post("/licenses/deactivate", { license_key: key, domain }, { from: freshIp() })
    /** verify + deactivate of one domain; returns the deactivate answer. */
    const cycle = async (key: string, domain: string) => {
      expect((await verify(key, domain)).data.code).toBe("valid")
      return (await deactivate(key, domain)).data
    }
    const countedReleases = async (licenseId: string) => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw(
        `SELECT released_by, count(*)::int AS n FROM license_activation
          WHERE license_id = ? AND released_at IS NOT NULL GROUP BY released_by ORDER BY released_by`,
        [licenseId]
      )
      return Object.fromEntries(rows.map((r: { released_by: string; n: number }) => [r.released_by, r.n]))
    }

    describe("POST /licenses/deactivate", () => {
      it("a 1-site key frees 3 slots per 30 days; the 4th deactivate is deactivation_limit_reached and the slot stays", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
        const remaining: (number | null)[] = []
        for (const domain of ["a.example", "b.example", "c.example"]) {
          const answer = await cycle(key, domain)
          expect(answer).toMatchObject({ deactivated: true, code: "deactivated" })
          remaining.push(answer.deactivations_remaining)
        }
        expect(remaining).toEqual([2, 1, 0])

        expect((await verify(key, "d.example")).data.code).toBe("valid")
        const refused = await deactivate(key, "d.example")
        expect(refused.status).toBe(200)
        expect(refused.data).toMatchObject({
          deactivated: false,
          code: "deactivation_limit_reached",
          message: expect.stringMatching(/limit/i),
          license_key: key,
          identity: { kind: "domain", value: "d.example" },
          license: { max_activations: 1, activations_used: 1 },
          deactivations_remaining: 0,
          deactivation_available_at: expect.any(String),
          signature: expect.any(String),
        })
        // The slot stays: d.example still holds it, a new site is refused.
        expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["d.example"])
        expect((await licenseService(getContainer()).retrieveLicense(license.id)).activations_used).toBe(1)
        expect((await verify(key, "e.example")).data.code).toBe("max_activations_exceeded")
        expect((await verify(key, "d.example")).data.code).toBe("valid")
        expect(await countedReleases(license.id)).toEqual({ installed_product: 3 })
      })

      it("concurrent deactivations at the edge of the budget free exactly the budget", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 6 })
        await licenseService(getContainer()).updateLicenses({ id: license.id, deactivations_per_30_days: 3 })
        const domains = Array.from({ length: 6 }, (_, i) => `site${i}.example`)
        for (const domain of domains) {
          expect((await verify(key, domain)).data.code).toBe("valid")
        }
        const answers = await Promise.all(domains.map((domain) => deactivate(key, domain)))
        const codes = answers.map((a) => a.data.code).sort()
        expect(codes).toEqual([
          "deactivated",
          "deactivated",
          "deactivated",
          "deactivation_limit_reached",
          "deactivation_limit_reached",
          "deactivation_limit_reached",
        ])
        expect(answers.map((a) => a.data.deactivations_remaining).sort()).toEqual([0, 0, 0, 0, 1, 2])
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(3)
        expect((await licenseService(getContainer()).retrieveLicense(license.id)).activations_used).toBe(3)
        expect(await countedReleases(license.id)).toEqual({ installed_product: 3 })
      })

      it("not_activated answers carry the remaining budget; unknown keys null", async () => {
        const { key } = await issueLicense(getContainer(), { max_activations: 2 })
        expect((await deactivate(key, "never.example")).data).toMatchObject({ code: "not_activated", deactivations_remaining: 6 })
        await cycle(key, "a.example")
        expect((await deactivate(key, "never.example")).data).toMatchObject({ code: "not_activated", deactivations_remaining: 5 })
      })

      it("a policy of 0 is unlimited, and so is the default of an unlimited license", async () => {
        const service = licenseService(getContainer())
        await service.createLicensePolicies([
          { variant_id: "variant_budget_free", product_id: "prod_budget", licensed: true, max_activations: 1, deactivations_per_30_days: 0 },
        ])
        const free = await issueLicense(getContainer(), { max_activations: 1, variant_id: "variant_budget_free" })
        const unlimited = await issueLicense(getContainer(), { max_activations: 0 })
        for (let i = 0; i < 5; i++) {
          expect(await cycle(free.key, `f${i}.example`)).toMatchObject({ code: "deactivated", deactivations_remaining: null })
          expect(await cycle(unlimited.key, `u${i}.example`)).toMatchObject({ code: "deactivated", deactivations_remaining: null })
        }
      })

      it("a policy's N applies to keys already issued for its variant; the license's own setting wins", async () => {
        const service = licenseService(getContainer())
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1, variant_id: "variant_budget_one" })
        await service.createLicensePolicies([
          { variant_id: "variant_budget_one", product_id: "prod_budget", licensed: true, max_activations: 1, deactivations_per_30_days: 1 },
        ])
        expect(await cycle(key, "a.example")).toMatchObject({ code: "deactivated", deactivations_remaining: 0 })
        expect(await cycle(key, "b.example")).toMatchObject({ code: "deactivation_limit_reached" })

        // The admin raises this license's budget in the edit form.
        const edit = await api.post(`/admin/licenses/${license.id}`, { deactivations_per_30_days: 2 }, auth)
        expect(edit.data.changes).toEqual({ deactivations_per_30_days: { from: null, to: 2 } })
        expect((await deactivate(key, "b.example")).data).toMatchObject({ code: "deactivated", deactivations_remaining: 0 })
        for (const bad of [-1, 1.5, "many"]) {
          const res = await api.post(`/admin/licenses/${license.id}`, { deactivations_per_30_days: bad }, { ...auth, validateStatus: () => true })
          expect({ bad, status: res.status }).toEqual({ bad, status: 400 })
        }
      })
    })

    describe("customer and admin share the budget", () => {
      const BASE = "/store/customers/me/licenses"

      it("the customer's account counts and is refused with 429 deactivation_limit_reached past the budget", async () => {
        const customer: Customer = await customerAccount(api, store, "budget@example.com")
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1, customer_id: customer.id })
        const shop = storeClient(api, store)
        await cycle(key, "a.example")
        await cycle(key, "b.example")
        expect((await verify(key, "c.example")).data.code).toBe("valid")
        const detail = await shop.get(customer, `${BASE}/${license.id}`)
        expect(detail.data.license).toMatchObject({ deactivations_remaining: 1, deactivation_budget: { limit: 3, used: 2, remaining: 1 } })

        const [c] = await heldActivations(getContainer(), license.id)
        const freed = await shop.delete(customer, `${BASE}/${license.id}/activations/${c.id}`)
        expect(freed.status).toBe(200)
        expect(freed.data.license).toMatchObject({ activations_used: 0, deactivations_remaining: 0 })

        expect((await verify(key, "d.example")).data.code).toBe("valid")
        const [d] = await heldActivations(getContainer(), license.id)
        const refused = await shop.delete(customer, `${BASE}/${license.id}/activations/${d.id}`)
        expect(refused.status).toBe(429)
        expect(refused.data).toMatchObject({ code: "deactivation_limit_reached", message: expect.any(String), retry_after: expect.any(Number) })
        expect(refused.headers["retry-after"]).toBe(String(refused.data.retry_after))
        expect(refused.data.retry_after).toBeGreaterThan(29 * 86400)
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)
        expect((await deactivate(key, "d.example")).data.code).toBe("deactivation_limit_reached")
        const after = await shop.get(customer, `${BASE}/${license.id}`)
        expect(after.data.license.deactivations_remaining).toBe(0)
        expect(await countedReleases(license.id)).toEqual({ customer: 1, installed_product: 2 })
      })

      it("the admin is refused past the budget unless override, which is not counted; reset is not counted", async () => {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
        await cycle(key, "a.example")
        expect((await verify(key, "b.example")).data.code).toBe("valid")
        let [held] = await heldActivations(getContainer(), license.id)
        // Within the budget the admin's "Free slot" counts like any other.
        const within = await api.delete(`/admin/licenses/${license.id}/activations/${held.id}`, auth)
        expect(within.data).toMatchObject({ override: false, deactivation_budget: { limit: 3, used: 2, remaining: 1 } })
        await cycle(key, "c.example")

        expect((await verify(key, "d.example")).data.code).toBe("valid")
        ;[held] = await heldActivations(getContainer(), license.id)
        const refused = await api.delete(`/admin/licenses/${license.id}/activations/${held.id}`, { ...auth, validateStatus: () => true })
        expect(refused.status).toBe(409)
        expect(refused.data).toMatchObject({ code: "deactivation_limit_reached", deactivation_budget: { remaining: 0, used: 3 } })
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)

        const bad = await api.delete(`/admin/licenses/${license.id}/activations/${held.id}?override=maybe`, { ...auth, validateStatus: () => true })
        expect(bad.status).toBe(400)
        const forced = await api.delete(`/admin/licenses/${license.id}/activations/${held.id}?override=true`, auth)
        expect(forced.status).toBe(200)
        expect(forced.data).toMatchObject({ override: true, released: { identifier: "d.example" }, license: { activations_used: 0 } })

        expect((await verify(key, "e.example")).data.code).toBe("valid")
        const reset = await api.post(`/admin/licenses/${license.id}/reset`, {}, auth)
        expect(reset.data.released).toBe(1)

        const detail = await api.get(`/admin/licenses/${license.id}`, auth)
        expect(detail.data.license).toMatchObject({
          deactivations_remaining: 0,
          deactivation_budget: { limit: 3, used: 3, remaining: 0, window_days: 30, source: "default" },
        })
        expect(await countedReleases(license.id)).toEqual({ admin: 1, admin_override: 1, installed_product: 2, reset: 1 })
      })

      it("the product policy route saves the budget and answers it", async () => {
        const product = store.product_id
        const { data: before } = await api.get(`/admin/products/${product}/license-policies`, auth)
        const policies = before.license_policies.map((p: any) => ({
          variant_id: p.variant_id,
          licensed: p.licensed,
          max_activations: p.max_activations,
          term_days: p.term_days,
          deactivations_per_30_days: 7,
        }))
        await api.post(`/admin/products/${product}/license-policies`, { policies }, auth)
        const { data: after } = await api.get(`/admin/products/${product}/license-policies`, auth)
        expect(after.license_policies.map((p: any) => p.deactivations_per_30_days)).toEqual(policies.map(() => 7))
        const bad = await api.post(
          `/admin/products/${product}/license-policies`,
          { policies: [{ ...policies[0], deactivations_per_30_days: -2 }] },
          { ...auth, validateStatus: () => true }
        )
        expect(bad.status).toBe(400)
      })
    })
  },
})
