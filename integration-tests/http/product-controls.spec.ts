import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import http from "node:http"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { heldActivations, issueLicense, licenseService } from "../helpers/licenses"

jest.setTimeout(180 * 1000)

// Per-product license controls (docs/product-controls.md) over real HTTP on a
// real database: API keys, the read-only lookup, enforcement toggles, version
// gating, custom data, archive, blocklists and usage. Each test creates its
// own product, so one product's settings never leak into another test.

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: Headers
    /** A fresh loopback source address: a new client IP with an empty rate-limit window. */
    const freshIp = sourceAddresses(3)
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (body: Record<string, unknown>, { from = freshIp(), headers = {} } = {}) =>
      client.post("/licenses/verify", body, { from, headers })
    const deactivate = (body: Record<string, unknown>, { from = freshIp(), headers = {} } = {}) =>
      client.post("/licenses/deactivate", body, { from, headers })
    const lookUp = (key: string, headers: Record<string, string> = {}) =>
      api.get(client.url(`/licenses/${encodeURIComponent(key)}`), {
        headers,
        validateStatus: () => true,
        httpAgent: new http.Agent({ localAddress: freshIp() }),
      })
    /** POST /licenses/lookup: the key in the body (JSON unless a raw form string is given). */
    const lookUpByPost = (body: unknown, headers: Record<string, string> = {}, contentType?: string) =>
      client.post("/licenses/lookup", body, { from: freshIp(), headers, contentType, raw: typeof body === "string" })
    const settingsUrl = (productId: string) => `/admin/products/${productId}/license-settings`
    const saveSettings = (productId: string, body: Record<string, unknown>) =>
      api.post(settingsUrl(productId), body, { ...auth, validateStatus: () => true })

    /** A new product with one licensed key (cap 5 unless given) issued for it. */
    const productWithLicense = async (overrides: Parameters<typeof issueLicense>[1] = {}) => {
      const [product] = await getContainer()
        .resolve(Modules.PRODUCT)
        .createProducts([{ title: `Controls ${freshIp.count}-${Math.random().toString(36).slice(2, 8)}` }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, ...overrides })
      return { productId: product.id, license, key }
    }

    describe("settings", () => {
      it("answers the defaults for a product that never saved any, and 404 for an unknown product", async () => {
        const { productId } = await productWithLicense()
        const res = await api.get(settingsUrl(productId), auth)
        expect(res.data.license_settings).toEqual({
          product_id: productId,
          require_api_key: false,
          api_key_prefix: null,
          api_key_created_at: null,
          enforce_activation_limit: true,
          enforce_expiry: true,
          sign_answers: true,
          version_mode: "off",
          version_pinned: null,
          version_range: null,
          custom_data: null,
          archived_at: null,
          blocked_domains: [],
          blocked_ips: [],
          webhooks_enabled: true,
          ip_enforcement: "domain_or_ip",
          daily_verify_quota: 0,
        })
        const missing = await api.get(settingsUrl("prod_missing"), { ...auth, validateStatus: () => true })
        expect(missing.status).toBe(404)
      })

      it("refuses bad values with 400 and a message naming them, and changes nothing", async () => {
        const { productId } = await productWithLicense()
        const bad: [Record<string, unknown>, RegExp][] = [
          [{ version_mode: "pinned" }, /version_pinned/],
          [{ version_mode: "range", version_range: "not a range" }, /version_range/],
          [{ version_pinned: "1.2.3.4" }, /version_pinned/],
          [{ blocked_domains: ["*"] }, /not a valid domain/],
          [{ blocked_ips: ["10.0.0.0/33"] }, /not a valid IP/],
          [{ custom_data: [1, 2] }, /./],
          [{ custom_data: { big: "x".repeat(17_000) } }, /larger than/],
          [{ enforce_expiry: "yes" }, /./],
          [{ unknown_field: true }, /./],
        ]
        for (const [body, message] of bad) {
          const res = await saveSettings(productId, body)
          expect({ body, status: res.status }).toEqual({ body, status: 400 })
          expect(res.data.message).toMatch(message)
        }
        const after = await api.get(settingsUrl(productId), auth)
        expect(after.data.license_settings).toMatchObject({ version_mode: "off", blocked_domains: [], custom_data: null })
      })
    })

    describe("product API key", () => {
      it("is shown in full once, stored as a hash, required by verify and deactivate, and rotation cuts the old key at once", async () => {
        const { productId, key } = await productWithLicense()
        const first = await saveSettings(productId, { require_api_key: true })
        expect(first.status).toBe(200)
        const apiKey: string = first.data.api_key
        expect(apiKey).toMatch(/^lk_live_[0-9A-Za-z]{32}$/)
        expect(first.data.license_settings).toMatchObject({ require_api_key: true, api_key_prefix: apiKey.slice(0, 12) })

        // Shown once: later reads and saves carry the prefix only, and the database holds no key.
        const read = await api.get(settingsUrl(productId), auth)
        expect(JSON.stringify(read.data)).not.toContain(apiKey)
        expect((await saveSettings(productId, { require_api_key: true })).data.api_key).toBeUndefined()
        const [row] = await licenseService(getContainer()).listLicenseProductSettings({ product_id: productId })
        expect(JSON.stringify(row)).not.toContain(apiKey)

        const from = freshIp()
        const missing = await verify({ license_key: key }, { from })
        expect(missing.status).toBe(401)
        expect(missing.data).toEqual({ code: "invalid_api_key", message: expect.stringContaining("Bearer") })
        expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/)
        const wrong = await verify({ license_key: key }, { from, headers: bearer(`${apiKey.slice(0, -1)}x`) })
        expect(wrong.status).toBe(401)
        const right = await verify({ license_key: key }, { from, headers: bearer(apiKey) })
        expect(right.status).toBe(200)
        expect(right.data.code).toBe("valid")
        expect((await deactivate({ license_key: key }, { from })).status).toBe(401)

        const rotated = await api.post(`${settingsUrl(productId)}/api-key`, {}, auth)
        const newKey: string = rotated.data.api_key
        expect(newKey).toMatch(/^lk_live_/)
        expect(newKey).not.toBe(apiKey)
        expect(rotated.data.license_settings.api_key_prefix).toBe(newKey.slice(0, 12))
        expect((await verify({ license_key: key }, { from, headers: bearer(apiKey) })).status).toBe(401)
        expect((await verify({ license_key: key }, { from, headers: bearer(newKey) })).data.code).toBe("valid")
        const released = await deactivate({ license_key: key }, { from, headers: bearer(newKey) })
        expect(released.data.code).toBe("deactivated")

        // Off again: verify needs no key (a wrong one is ignored).
        await saveSettings(productId, { require_api_key: false })
        expect((await verify({ license_key: key }, { headers: bearer("lk_live_wrong") })).data.code).toBe("valid")
      })

      it("missing or wrong API keys count against the failed look-up budget", async () => {
        const { productId, key } = await productWithLicense()
        await saveSettings(productId, { require_api_key: true })
        const from = freshIp()
        const statuses: number[] = []
        for (let i = 0; i < 22; i++) {
          statuses.push((await verify({ license_key: key }, { from, headers: bearer(`lk_live_guess${i}`) })).status)
        }
        expect(statuses.filter((s) => s === 401)).toHaveLength(20)
        expect(statuses.slice(20)).toEqual([429, 429])
      })
    })

    describe("GET /licenses/:key", () => {
      it("tells the product's server the license's details with no side effect", async () => {
        const { productId, license, key } = await productWithLicense({
          notes: "Agency plan",
          customer_email: "owner@example.com",
        })
        await saveSettings(productId, { version_mode: "range", version_range: "1.x", custom_data: { tier: "agency" } })
        const apiKey: string = (await api.post(`${settingsUrl(productId)}/api-key`, {}, auth)).data.api_key
        // One activation to read back; its last-seen is then old enough to be refreshed by any verify.
        expect((await verify({ license_key: key, domain: "site.example", version: "1.4" })).data.code).toBe("valid")
        const service = licenseService(getContainer())
        await service.flushVerifyWrites()
        const before = {
          license: await service.retrieveLicense(license.id),
          activations: await heldActivations(getContainer(), license.id),
          events: await service.listLicenseEvents({ license_id: license.id }, { take: null }),
          usage: (await api.get(`/admin/products/${productId}/license-usage`, auth)).data.usage,
        }

        const res = await lookUp(key, bearer(apiKey))
        expect(res.status).toBe(200)
        expect(res.headers["cache-control"]).toBe("no-store")
        expect(res.data.license).toEqual({
          license_key: key,
          status: "active",
          expires_at: null,
          lifetime: true,
          max_activations: 5,
          activations_used: 1,
          activations: [
            { kind: "domain", identifier: "site.example", first_seen_at: expect.any(String), last_seen_at: expect.any(String) },
          ],
          product_id: productId,
          variant_id: "variant_verify",
          product_title: "Pro Plugin",
          variant_title: "5 sites",
          version: { mode: "range", pinned: null, range: "1.x" },
          version_override: { mode: null, pinned: null, range: null },
          data: { tier: "agency" },
          notes: "Agency plan",
          customer_email: "owner@example.com",
          customer_discord_id: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
          revoked_at: null,
        })
        // Lower-case and without dashes is the same key.
        expect((await lookUp(key.toLowerCase().replace(/-/g, ""), bearer(apiKey))).status).toBe(200)
        // POST /licenses/lookup: the same answer, with the key in a JSON or a form body.
        const posted = await lookUpByPost({ license_key: key }, bearer(apiKey))
        expect(posted.status).toBe(200)
        expect(posted.headers["cache-control"]).toBe("no-store")
        expect(posted.data).toEqual(res.data)
        const form = await lookUpByPost(`license_key=${encodeURIComponent(key.toLowerCase())}`, bearer(apiKey), "application/x-www-form-urlencoded")
        expect(form.data).toEqual(res.data)

        await service.flushVerifyWrites()
        expect(await service.retrieveLicense(license.id)).toEqual(before.license)
        expect(await heldActivations(getContainer(), license.id)).toEqual(before.activations)
        expect(await service.listLicenseEvents({ license_id: license.id }, { take: null })).toEqual(before.events)
        expect((await api.get(`/admin/products/${productId}/license-usage`, auth)).data.usage).toEqual(before.usage)
      })

      it("needs the API key of the license's own product; the public key route still answers", async () => {
        const mine = await productWithLicense()
        const other = await productWithLicense()
        const otherKey = (await api.post(`${settingsUrl(other.productId)}/api-key`, {}, auth)).data.api_key
        const mineKey = (await api.post(`${settingsUrl(mine.productId)}/api-key`, {}, auth)).data.api_key

        expect((await lookUp(mine.key)).status).toBe(401)
        expect((await lookUp(mine.key, bearer("lk_live_nope"))).data.code).toBe("invalid_api_key")
        // Another product's key cannot tell whether this license exists.
        const foreign = await lookUp(mine.key, bearer(otherKey))
        expect(foreign.status).toBe(404)
        expect(foreign.data.code).toBe("not_found")
        expect((await lookUp("CP-NOT-A-KEY", bearer(mineKey))).status).toBe(400)
        expect((await lookUp(mine.key, bearer(mineKey))).status).toBe(200)

        // POST /licenses/lookup answers the same to the same callers.
        expect((await lookUpByPost({ license_key: mine.key })).status).toBe(401)
        expect((await lookUpByPost({ license_key: mine.key }, bearer("lk_live_nope"))).data.code).toBe("invalid_api_key")
        expect((await lookUpByPost({ license_key: mine.key }, bearer(otherKey))).data).toEqual(foreign.data)
        expect((await lookUpByPost({ license_key: "CP-NOT-A-KEY" }, bearer(mineKey))).data.code).toBe("malformed")
        expect((await lookUpByPost({ license_key: mine.key }, bearer(mineKey))).status).toBe(200)
        // Its body is read by the Verify API's strict reader: 400 invalid_request naming the problem.
        for (const [body, contentType, message] of [
          [{}, undefined, "license_key is required"],
          [{ license_key: 123 }, undefined, "license_key must be a string"],
          ["{", "application/json", "The request body is not valid JSON"],
          ["[]", "application/json", "The request body must be a JSON object"],
          [{ license_key: `${mine.key}\u0000` }, undefined, "body.license_key contains a NUL byte (U+0000), which is not allowed"],
        ] as const) {
          const refused = await lookUpByPost(body, bearer(mineKey), contentType)
          expect([refused.status, refused.data]).toEqual([400, { code: "invalid_request", message }])
        }

        const publicKey = await client.get("/licenses/public-key", freshIp())
        expect(publicKey.status).toBe(200)
        expect(publicKey.data.alg).toBe("ES256")
      })
    })

    describe("enforcement toggles", () => {
      it("activation limit off: activations are recorded but never refused; on again: the cap refuses", async () => {
        const { productId, license, key } = await productWithLicense({ max_activations: 1 })
        await saveSettings(productId, { enforce_activation_limit: false })
        const codes = await Promise.all(
          ["a", "b", "c", "d"].map(async (d) => (await verify({ license_key: key, domain: `${d}.example` })).data.code)
        )
        expect(codes).toEqual(["valid", "valid", "valid", "valid"])
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(4)
        expect((await licenseService(getContainer()).retrieveLicense(license.id)).activations_used).toBe(4)

        await saveSettings(productId, { enforce_activation_limit: true })
        expect((await verify({ license_key: key, domain: "e.example" })).data.code).toBe("max_activations_exceeded")
        expect((await verify({ license_key: key, domain: "a.example" })).data.code).toBe("valid")
      })

      it("expiry off: an expired key answers valid with its expiry; on: expired", async () => {
        const expiresAt = new Date(Date.now() - 60_000)
        const { productId, license, key } = await productWithLicense({ expires_at: expiresAt })
        expect((await verify({ license_key: key, domain: "x.example" })).data.code).toBe("expired")

        await saveSettings(productId, { enforce_expiry: false })
        const res = await verify({ license_key: key, domain: "x.example" })
        expect(res.data).toMatchObject({
          valid: true,
          code: "valid",
          license: { expires_at: expiresAt.toISOString(), status: "expired" },
        })
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)

        await saveSettings(productId, { enforce_expiry: true })
        expect((await verify({ license_key: key, domain: "x.example" })).data.code).toBe("expired")
      })

      it("signed answers off: signature is null; on: an ES256 signature over the answer", async () => {
        const { productId, key } = await productWithLicense()
        await saveSettings(productId, { sign_answers: false })
        const unsigned = await verify({ license_key: key })
        expect(unsigned.data).toMatchObject({ code: "valid", signature: null })

        await saveSettings(productId, { sign_answers: true })
        const signed = await verify({ license_key: key })
        const { pem } = (await client.get("/licenses/public-key", freshIp())).data
        const { signature, ...content } = signed.data
        expect(jwt.verify(signature, pem, { algorithms: ["ES256"] })).toMatchObject(content)
      })
    })

    describe("version gating", () => {
      const codeFor = async (key: string, version?: string) =>
        (await verify({ license_key: key, domain: "v.example", ...(version === undefined ? {} : { version }) })).data.code

      it("pinned: the pin only, a missing patch is .0, no version is refused", async () => {
        const { productId, key } = await productWithLicense()
        const saved = await saveSettings(productId, { version_mode: "pinned", version_pinned: "2.1" })
        expect(saved.data.license_settings).toMatchObject({ version_mode: "pinned", version_pinned: "2.1.0" })
        expect(await codeFor(key, "2.1.0")).toBe("valid")
        expect(await codeFor(key, "v2.1")).toBe("valid")
        expect(await codeFor(key, "2.1.1")).toBe("version_not_allowed")
        expect(await codeFor(key, "2.1.0-beta.1")).toBe("version_not_allowed")
        expect(await codeFor(key)).toBe("version_not_allowed")
        expect(await codeFor(key, "banana")).toBe("version_not_allowed")
      })

      it("range: semver with pre-releases; a license override wins, null follows the product", async () => {
        const { productId, license, key } = await productWithLicense()
        await saveSettings(productId, { version_mode: "range", version_range: "^1.2" })
        expect(await codeFor(key, "1.2")).toBe("valid")
        expect(await codeFor(key, "1.9.9-beta.2")).toBe("valid")
        expect(await codeFor(key, "1.1.9")).toBe("version_not_allowed")
        expect(await codeFor(key, "2.0.0-rc.1")).toBe("version_not_allowed")
        expect(await codeFor(key, "2.0.0")).toBe("version_not_allowed")

        const edit = (body: Record<string, unknown>) =>
          api.post(`/admin/licenses/${license.id}`, body, { ...auth, validateStatus: () => true })
        expect((await edit({ version_mode: "off" })).status).toBe(200)
        expect(await codeFor(key, "7.0.0")).toBe("valid")
        expect(await codeFor(key)).toBe("valid")
        await edit({ version_mode: "range", version_range: ">=2.0.0 <3" })
        expect(await codeFor(key, "2.5.0")).toBe("valid")
        expect(await codeFor(key, "1.5.0")).toBe("version_not_allowed")
        expect((await edit({ version_range: "nope" })).status).toBe(400)
        await edit({ version_mode: null })
        expect(await codeFor(key, "1.5.0")).toBe("valid")
        expect(await codeFor(key, "2.5.0")).toBe("version_not_allowed")

        const detail = await api.get(`/admin/licenses/${license.id}`, auth)
        const edits = detail.data.license.events.filter((e: { type: string }) => e.type === "updated")
        expect(edits.map((e: { data: { changes: object } }) => Object.keys(e.data.changes).sort())).toEqual([
          ["version_mode"],
          ["version_mode", "version_range"],
          ["version_mode"],
        ])
      })
    })

    it("custom data: the product's in every valid answer, the license's keys over it, none when not valid", async () => {
      const { productId, license, key } = await productWithLicense()
      expect((await verify({ license_key: key })).data.data).toBeNull()
      await saveSettings(productId, { custom_data: { tier: "pro", download_url: "https://example.com/pro.zip", features: ["a"] } })
      expect((await verify({ license_key: key })).data.data).toEqual({
        tier: "pro",
        download_url: "https://example.com/pro.zip",
        features: ["a"],
      })
      await api.post(`/admin/licenses/${license.id}`, { custom_data: { tier: "agency", seats: 10 } }, auth)
      const merged = await verify({ license_key: key })
      expect(merged.data.data).toEqual({ tier: "agency", download_url: "https://example.com/pro.zip", features: ["a"], seats: 10 })
      await licenseService(getContainer()).suspendLicenses({ license_ids: [license.id] }, { actor: { type: "system" }, reason: "test" })
      const refused = await verify({ license_key: key })
      expect(refused.data).toMatchObject({ code: "suspended", data: null })
    })

    it("archive: keys answer product_archived and take no slot; unarchive restores them", async () => {
      const { productId, license, key } = await productWithLicense()
      expect((await verify({ license_key: key, domain: "held.example" })).data.code).toBe("valid")
      const archived = await saveSettings(productId, { archived: true })
      expect(archived.data.license_settings.archived_at).toEqual(expect.any(String))

      const answers = await Promise.all(
        ["held.example", "new-1.example", "new-2.example"].map((domain) => verify({ license_key: key, domain }))
      )
      expect(answers.map((r) => r.data.code)).toEqual(["product_archived", "product_archived", "product_archived"])
      expect(answers[0].data.valid).toBe(false)
      expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["held.example"])

      await saveSettings(productId, { archived: false })
      expect((await verify({ license_key: key, domain: "held.example" })).data.code).toBe("valid")
      expect((await verify({ license_key: key, domain: "new-1.example" })).data.code).toBe("valid")
    })

    it("blocklists: product domains with wildcards, license CIDRs; a blocked caller takes no slot", async () => {
      const { productId, license, key } = await productWithLicense()
      const saved = await saveSettings(productId, { blocked_domains: ["*.Pirates.Example", "exact.example"] })
      expect(saved.data.license_settings.blocked_domains).toEqual(["*.pirates.example", "exact.example"])
      const codeFrom = async (domain: string | undefined, from = freshIp()) =>
        (await verify({ license_key: key, ...(domain ? { domain } : {}) }, { from })).data.code
      expect(await codeFrom("shop.pirates.example")).toBe("blocked")
      expect(await codeFrom("a.b.pirates.example")).toBe("blocked")
      expect(await codeFrom("pirates.example")).toBe("valid")
      expect(await codeFrom("exact.example")).toBe("blocked")
      expect(await codeFrom("sub.exact.example")).toBe("valid")

      const edit = await api.post(`/admin/licenses/${license.id}`, { blocked_ips: ["127.3.200.0/24"] }, auth)
      expect(edit.status).toBe(200)
      expect(await codeFrom(undefined, "127.3.200.9")).toBe("blocked")
      expect(await codeFrom("clean.example", "127.3.200.10")).toBe("blocked")
      expect(await codeFrom(undefined, "127.3.201.9")).toBe("valid")
      const held = (await heldActivations(getContainer(), license.id)).map((a) => a.identifier).sort()
      expect(held).toEqual(["127.3.201.9", "pirates.example", "sub.exact.example"])
      expect((await api.post(`/admin/licenses/${license.id}`, { blocked_ips: ["300.1.1.1"] }, { ...auth, validateStatus: () => true })).status).toBe(400)
    })

    it("usage: daily counts per code match the calls made", async () => {
      const { productId, license, key } = await productWithLicense({ max_activations: 1 })
      const calls: Record<string, number> = { valid: 3, max_activations_exceeded: 2, blocked: 1, suspended: 2 }
      await saveSettings(productId, { blocked_domains: ["blocked.example"] })
      await verify({ license_key: key, domain: "one.example" })
      await verify({ license_key: key, domain: "one.example" })
      await verify({ license_key: key, domain: "one.example" })
      await verify({ license_key: key, domain: "two.example" })
      await verify({ license_key: key, domain: "three.example" })
      await verify({ license_key: key, domain: "blocked.example" })
      await licenseService(getContainer()).suspendLicenses({ license_ids: [license.id] }, { actor: { type: "system" }, reason: "test" })
      await verify({ license_key: key, domain: "one.example" })
      await verify({ license_key: key, domain: "one.example" })
      await licenseService(getContainer()).flushVerifyWrites()

      const res = await api.get(`/admin/products/${productId}/license-usage`, auth)
      expect(res.data.usage).toHaveLength(30)
      const today = new Date().toISOString().slice(0, 10)
      expect(res.data.usage[29]).toEqual({ day: today, counts: calls, total: 8 })
      expect(res.data.usage.slice(0, 29).every((d: { total: number }) => d.total === 0)).toBe(true)
      expect(res.data.usage[0].day < res.data.usage[29].day).toBe(true)
    })
  },
})
