import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { createPublicKey } from "node:crypto"
import { activationsUsed, issueLicense, licenseService } from "../helpers/licenses"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { buyLicenses, customerAccount } from "../helpers/customer-licenses"
import { adminHeaders, seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Entitlements (docs/entitlements-and-license-files.md): feature codes on a policy, copied onto
// its keys at issuance, edited per key by the admin, answered (signed) by verify and the update check.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(23)

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const verify = (body: unknown) => client.post("/licenses/verify", body, { from: freshIp() })

    it("a policy's codes reach the keys bought after; the admin adds and removes codes per key, with history; verify answers them signed", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const path = `/admin/products/${store.product_id}/license-policies`
      const single = store.variants["Single site"]

      // A malformed code is a typed 400 and saves nothing.
      for (const bad of ["Pro Export", "pro--export", "x", "-pro", "pro_export!", "a".repeat(65)]) {
        const res = await api.post(
          path,
          { policies: [{ variant_id: single, licensed: true, max_activations: 2, term_days: 365, entitlements: ["pro-export", bad] }] },
          { ...auth, validateStatus: () => true }
        )
        expect([bad, res.status, res.data.type]).toEqual([bad, 400, "invalid_data"])
        expect(res.data.message).toMatch(/^invalid_entitlement: /)
      }
      const unchanged = (await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === single)
      expect(unchanged.entitlements).toEqual([])

      const saved = await api.post(
        path,
        { policies: [{ variant_id: single, licensed: true, max_activations: 2, term_days: 365, entitlements: ["priority-support", "pro-export", "pro-export"] }] },
        auth
      )
      expect(saved.status).toBe(200)
      const policy = (await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === single)
      expect(policy.entitlements).toEqual(["priority-support", "pro-export"])

      const ana = await customerAccount(api, store, "ana-entitlements@example.com")
      const { licenses } = await buyLicenses(api, getContainer(), store, ana, [{ variant_id: single, quantity: 1 }])
      const id = licenses[0].id
      const key = licenseService(getContainer()).revealKey(licenses[0])
      expect(licenses[0].entitlements).toEqual(["priority-support", "pro-export"])

      // Every valid answer carries the codes, inside the signature too.
      const ok = await verify({ license_key: key, domain: "ana.example.com", entitlements: ["pro-export"] })
      expect(ok.data).toMatchObject({ valid: true, code: "valid", entitlements: ["priority-support", "pro-export"] })
      expect(ok.data.entitlements_missing).toBeUndefined()
      const publicKey = createPublicKey((await client.get("/licenses/public-key")).data.pem)
      const signed = jwt.verify(ok.data.signature, publicKey, { algorithms: ["ES256"] }) as Record<string, any>
      expect(signed.entitlements).toEqual(["priority-support", "pro-export"])

      // Asking for a code the key lacks: 200, valid false, the missing codes, and no slot taken by a new identity.
      const missing = await verify({ license_key: key, domain: "new.example.com", entitlements: ["pro-export", "white-label", "sso"] })
      expect(missing.status).toBe(200)
      expect(missing.data).toMatchObject({
        valid: false,
        code: "entitlements_missing",
        entitlements: ["priority-support", "pro-export"],
        entitlements_missing: ["white-label", "sso"],
        data: null,
      })
      expect(jwt.verify(missing.data.signature, publicKey, { algorithms: ["ES256"] })).toMatchObject({ entitlements_missing: ["white-label", "sso"] })
      expect(await activationsUsed(getContainer(), id)).toBe(1)

      // The admin adds one code and removes one that came from the policy: one `updated` event with both sets.
      const changed = await api.post(`/admin/licenses/${id}/entitlements`, { add: ["white-label", "sso"], remove: ["priority-support"] }, auth)
      expect(changed.status).toBe(200)
      expect(changed.data.license.entitlements).toEqual(["pro-export", "sso", "white-label"])
      expect(changed.data.changes).toEqual({ entitlements: { from: ["priority-support", "pro-export"], to: ["pro-export", "sso", "white-label"] } })
      const detail = await api.get(`/admin/licenses/${id}`, auth)
      expect(detail.data.license.events[0]).toMatchObject({
        type: "updated",
        data: { changes: { entitlements: { from: ["priority-support", "pro-export"], to: ["pro-export", "sso", "white-label"] } } },
      })
      const now = await verify({ license_key: key, domain: "new.example.com", entitlements: ["white-label", "sso"] })
      expect(now.data).toMatchObject({ valid: true, entitlements: ["pro-export", "sso", "white-label"], license: { activations_used: 2 } })
      expect((await verify({ license_key: key, domain: "ana.example.com", entitlements: ["priority-support"] })).data).toMatchObject({
        valid: false,
        code: "entitlements_missing",
        entitlements_missing: ["priority-support"],
      })

      // Nothing changed: no event. A malformed code: typed 400, nothing saved.
      const same = await api.post(`/admin/licenses/${id}/entitlements`, { add: ["sso"] }, auth)
      expect(same.data.changes).toEqual({})
      const bad = await api.post(`/admin/licenses/${id}/entitlements`, { add: ["Not A Code"] }, { ...auth, validateStatus: () => true })
      expect([bad.status, bad.data.type]).toEqual([400, "invalid_data"])
      expect(bad.data.message).toMatch(/^invalid_entitlement: "Not A Code"/)
      const unknownField = await api.post(`/admin/licenses/${id}/entitlements`, { set: ["sso"] }, { ...auth, validateStatus: () => true })
      expect(unknownField.status).toBe(400)
      expect((await licenseService(getContainer()).retrieveLicense(id)).entitlements).toEqual(["pro-export", "sso", "white-label"])
      const events = (await api.get(`/admin/licenses/${id}`, auth)).data.license.events.filter((e: any) => e.type === "updated")
      expect(events).toHaveLength(1)

      // The update check answers the codes too; custom data stays beside them.
      const update = await client.post("/licenses/updates", { license_key: key, domain: "ana.example.com", version: "1.0.0" }, { from: freshIp() })
      expect(update.data).toMatchObject({ valid: true, entitlements: ["pro-export", "sso", "white-label"], data: null })
    })

    it("refused answers carry no entitlements; a key without codes answers []; the request's codes are checked for shape", async () => {
      const { key } = await issueLicense(getContainer(), { max_activations: 1 })
      expect((await verify({ license_key: key, domain: "a.example.com" })).data).toMatchObject({ valid: true, entitlements: [] })
      const full = await verify({ license_key: key, domain: "b.example.com" })
      expect(full.data).toMatchObject({ valid: false, code: "max_activations_exceeded", entitlements: null })
      expect((await verify({ license_key: key, domain: "a.example.com", entitlements: ["pro-export"] })).data).toMatchObject({
        code: "entitlements_missing",
        entitlements: [],
        entitlements_missing: ["pro-export"],
      })
      const notAList = await verify({ license_key: key, domain: "a.example.com", entitlements: "pro-export" })
      expect([notAList.status, notAList.data.code]).toEqual([400, "invalid_request"])
    })
  },
})
