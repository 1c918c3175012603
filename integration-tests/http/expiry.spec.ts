import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import type LicenseModuleService from "../../src/modules/license/service"
import { licenseService, licensesOfOrder } from "../helpers/licenses"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { verifyClient } from "../helpers/verify-client"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000

// Expiry strategies and grace periods (docs/renewals-and-upgrades.md "Expiry, grace and trials",
// docs/verify-api.md): set on the variant's policy through the admin API, snapshot on keys
// bought through a real checkout, answered by the Verify API. "Day by day" moves the key's
// expiry in the database instead of the server's clock: the grace_ends_at trigger follows.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: DemoStore
    let licenses: LicenseModuleService
    let client: ReturnType<typeof verifyClient>
    let publicKey: string

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = verifyClient(api)
      publicKey = (await client.get("/licenses/public-key")).data.pem
    })
    afterAll(() => client.close())
    beforeEach(() => {
      licenses = licenseService(getContainer())
    })

    const setPolicies = async (policies: Record<string, unknown>[]) =>
      api.post(`/admin/products/${store.product_id}/license-policies`, { policies }, {
        ...(await adminHeaders(api, store)),
        validateStatus: () => true,
      })

    /** Buys one unit of the variant through the store API and returns its key and row. */
    async function buy(variant: string) {
      const order = await placeOrder(api, store, [{ variant_id: store.variants[variant], quantity: 1 }])
      const [license] = await waitFor(() => licensesOfOrder(licenses, order.id), (l) => l.length >= 1)
      return { license, key: licenses.revealKey(license) }
    }

    /** Moves the key's expiry to `days` from now (negative: in the past). */
    const expireIn = (licenseId: string, days: number) =>
      dbConnection.raw(`UPDATE license SET expires_at = now() + make_interval(secs => ?) WHERE id = ?`, [
        (days * DAY) / 1000,
        licenseId,
      ])

    async function verify(key: string, domain: string) {
      const res = await client.post("/licenses/verify", { license_key: key, domain })
      expect(res.status).toBe(200)
      // The signed payload carries the same answer, new fields included.
      const { signature, ...content } = res.data
      const { iat: _iat, exp: _exp, ...signed } = jwt.verify(signature, publicKey, { algorithms: ["ES256"] }) as Record<string, unknown>
      expect(signed).toEqual(content)
      return res.data
    }

    it("the policy widget's API saves and returns expiry strategy and grace days; bad values are a 400 and change nothing", async () => {
      const saved = await setPolicies([
        { variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365, grace_days: 7 },
        {
          variant_id: store.variants["5 sites"],
          licensed: true,
          max_activations: 5,
          term_days: 365,
          expiry_strategy: "maintain_access",
        },
      ])
      expect(saved.status).toBe(200)
      const auth = await adminHeaders(api, store)
      const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
      const byVariant = Object.fromEntries(data.license_policies.map((p: any) => [p.variant_title, p]))
      expect(byVariant["Single site"]).toMatchObject({ expiry_strategy: "revoke_access", grace_days: 7, expiry_basis: "from_issuance" })
      expect(byVariant["5 sites"]).toMatchObject({ expiry_strategy: "maintain_access", grace_days: 0 })
      expect(byVariant["Unlimited sites"]).toMatchObject({ expiry_strategy: "revoke_access", grace_days: 0 })

      for (const bad of [
        { grace_days: -1 },
        { grace_days: 366 },
        { grace_days: 1.5 },
        { grace_days: "7" },
        { expiry_strategy: "keep" },
        { expiry_basis: "from_payment" },
      ]) {
        const res = await setPolicies([
          { variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365, ...bad },
        ])
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
      }
      const after = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
      expect(after.data.license_policies.find((p: any) => p.variant_title === "Single site").grace_days).toBe(7)
    })

    it("grace period: valid/active before expiry, valid/grace with grace_ends_at for the grace days, then expired", async () => {
      await setPolicies([{ variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365, grace_days: 7 }])
      const { license, key } = await buy("Single site")
      expect(license).toMatchObject({ expiry_strategy: "revoke_access", grace_days: 7, expiry_basis: "from_issuance" })
      expect(new Date(license.expires_at!).getTime() - Date.now()).toBeGreaterThan(364 * DAY)

      const before = await verify(key, "grace.example")
      expect(before).toMatchObject({ valid: true, code: "valid", license: { status: "active", expiry_strategy: "revoke_access" } })
      expect(new Date(before.license.grace_ends_at).getTime() - new Date(before.license.expires_at).getTime()).toBe(7 * DAY)

      for (const daysAgo of [0.01, 1, 3, 6, 6.9]) {
        await expireIn(license.id, -daysAgo)
        const answer = await verify(key, "grace.example")
        expect(answer).toMatchObject({ valid: true, code: "valid", license: { status: "grace" } })
        expect(new Date(answer.license.grace_ends_at).getTime()).toBe(new Date(answer.license.expires_at).getTime() + 7 * DAY)
        expect(new Date(answer.license.grace_ends_at).getTime()).toBeGreaterThan(Date.now())
      }
      // A new site may still activate during grace (the slot is free after a deactivation).
      expect((await client.post("/licenses/deactivate", { license_key: key, domain: "grace.example" })).data.code).toBe("deactivated")
      expect(await verify(key, "grace-new.example")).toMatchObject({ code: "valid", license: { status: "grace", activations_used: 1 } })

      for (const daysAgo of [7.01, 8, 30]) {
        await expireIn(license.id, -daysAgo)
        expect(await verify(key, "grace-new.example")).toMatchObject({
          valid: false,
          code: "expired",
          license: { status: "expired" },
        })
      }
      // The admin and the owner see the same status.
      const auth = await adminHeaders(api, store)
      await expireIn(license.id, -2)
      expect((await api.get(`/admin/licenses/${license.id}`, auth)).data.license.status).toBe("grace")
    })

    it("revoke_access without grace answers expired from the expiry on, as before; keys keep the policy they were bought with", async () => {
      await setPolicies([{ variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365 }])
      const { license, key } = await buy("Single site")
      expect(license.grace_days).toBe(0)
      expect(await verify(key, "plain.example")).toMatchObject({ code: "valid", license: { status: "active", grace_ends_at: null } })
      await expireIn(license.id, -0.01)
      expect(await verify(key, "plain.example")).toMatchObject({ valid: false, code: "expired", license: { status: "expired" } })

      // A later policy change does not reach keys already sold.
      await setPolicies([{ variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365, grace_days: 30 }])
      expect(await verify(key, "plain.example")).toMatchObject({ code: "expired" })
    })

    it("admin list: status=grace finds keys in their grace period, status=expired only those past it, expiring_within_days the rest", async () => {
      await setPolicies([{ variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 365, grace_days: 10 }])
      const inGrace = await buy("Single site")
      const pastGrace = await buy("Single site")
      const soon = await buy("Single site")
      await expireIn(inGrace.license.id, -2)
      await expireIn(pastGrace.license.id, -11)
      await expireIn(soon.license.id, 5)
      const auth = await adminHeaders(api, store)
      const ids = async (query: string) =>
        ((await api.get(`/admin/licenses?${query}`, auth)).data.licenses as any[]).map((l) => l.id).sort()

      expect(await ids("status=grace")).toEqual([inGrace.license.id])
      expect(await ids("status=expired")).toEqual([pastGrace.license.id])
      expect(await ids("expiring_within_days=7")).toEqual([soon.license.id])
      expect(await ids("status=grace&status=expired")).toEqual([inGrace.license.id, pastGrace.license.id].sort())
      const detail = (await api.get(`/admin/licenses/${inGrace.license.id}`, auth)).data.license
      expect(detail).toMatchObject({ status: "grace", expiry_strategy: "revoke_access", grace_days: 10 })
      expect(new Date(detail.grace_ends_at).getTime()).toBe(new Date(detail.expires_at).getTime() + 10 * DAY)
      const bad = await api.get(`/admin/licenses?status=graceful`, { ...auth, validateStatus: () => true })
      expect(bad.status).toBe(400)
    })

    it("maintain_access: an expired key keeps verifying (status expired) with its release cut-off, and new sites may activate", async () => {
      await setPolicies([
        { variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365, expiry_strategy: "maintain_access" },
      ])
      const { license, key } = await buy("5 sites")
      expect(license.expiry_strategy).toBe("maintain_access")
      await expireIn(license.id, -400)
      const answer = await verify(key, "kept-1.example")
      expect(answer).toMatchObject({
        valid: true,
        code: "valid",
        license: { status: "expired", expiry_strategy: "maintain_access", activations_used: 1, grace_ends_at: null },
      })
      expect(answer.license.release_cutoff).toBe(answer.license.expires_at)
      expect(new Date(answer.license.release_cutoff).getTime()).toBeLessThan(Date.now() - 399 * DAY)
      expect(await verify(key, "kept-2.example")).toMatchObject({ code: "valid", license: { activations_used: 2 } })

      // Revoked is still revoked.
      await dbConnection.raw(`UPDATE license SET status = 'revoked' WHERE id = ?`, [license.id])
      expect(await verify(key, "kept-1.example")).toMatchObject({ valid: false, code: "revoked" })
    })
  },
})
