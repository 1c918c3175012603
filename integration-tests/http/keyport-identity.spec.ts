import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import { adminHeaders, type DemoStore, placeOrder, registerCustomer, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

// The customer identity of a license: e-mail and/or Discord ID (docs/migrating-from-keyport.md).
// The customer sets the Discord ID in Account -> Profile (metadata.discord_id), a key
// snapshots it at issuance, the admin issues to an e-mail or a Discord ID alone, edits it,
// searches and exports it, and the product's lookup returns it.

type Auth = { headers: Record<string, string> }
const ok = { validateStatus: () => true }
const DISCORD = "123456789012345678"
const OTHER_DISCORD = "98765432109876543210"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let auth: Auth
    const licenses = () => getContainer().resolve<LicenseModuleService>(LICENSE_MODULE)

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })

    const issue = (body: Record<string, unknown>) =>
      api.post("/admin/licenses", { variant_id: store.variants["Single site"], ...body }, { ...auth, ...ok })

    it("a customer sets a Discord ID in their profile (typed 400 when wrong); their next key snapshots it", async () => {
      const shopper = await registerCustomer(api, store, "discord-buyer@example.com")
      const me = { headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${shopper.token}` }, ...ok }

      for (const wrong of ["1234", "12345678901234567a", "123456789012345678901", 123456789012345678]) {
        const res = await api.post("/store/customers/me", { metadata: { discord_id: wrong } }, me)
        expect([wrong, res.status, res.data.code]).toEqual([wrong, 400, "invalid_discord_id"])
      }
      const saved = await api.post("/store/customers/me", { metadata: { discord_id: ` ${DISCORD} ` } }, me)
      expect(saved.status).toBe(200)
      expect(saved.data.customer.metadata).toEqual({ discord_id: DISCORD })

      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }], shopper)
      const [license] = await waitFor(() => licenses().listLicenses({ order_id: order.id }), (l) => l.length === 1)
      expect(license.customer_discord_id).toBe(DISCORD)

      // A later change of the profile does not rewrite the key's snapshot; an empty value removes it.
      const cleared = await api.post("/store/customers/me", { metadata: { discord_id: "" } }, me)
      expect(cleared.status).toBe(200)
      expect(cleared.data.customer.metadata?.discord_id).toBeUndefined()
      expect((await licenses().retrieveLicense(license.id)).customer_discord_id).toBe(DISCORD)

      // The admin sets it on the customer the same way, with the same check.
      const customerId = saved.data.customer.id
      const bad = await api.post(`/admin/customers/${customerId}`, { metadata: { discord_id: "not-a-snowflake" } }, { ...auth, ...ok })
      expect([bad.status, bad.data.code]).toEqual([400, "invalid_discord_id"])
      const set = await api.post(`/admin/customers/${customerId}`, { metadata: { discord_id: OTHER_DISCORD } }, { ...auth, ...ok })
      expect(set.status).toBe(200)
      // A manual key for that customer takes the customer's Discord ID and e-mail.
      const manual = await issue({ customer_id: customerId })
      expect(manual.status).toBe(201)
      expect(manual.data.license).toMatchObject({
        customer_id: customerId,
        customer_email: "discord-buyer@example.com",
        customer_discord_id: OTHER_DISCORD,
      })
    })

    it("manual issue takes an e-mail and/or a Discord ID with no customer, and refuses neither", async () => {
      const none = await issue({})
      expect(none.status).toBe(400)
      expect(none.data).toMatchObject({ code: "customer_identity_required", type: "invalid_data" })
      const blank = await issue({ customer_email: " ", customer_discord_id: "" })
      expect([blank.status, blank.data.code]).toEqual([400, "customer_identity_required"])
      const bad = await issue({ customer_discord_id: "12345" })
      expect([bad.status, bad.data.code]).toEqual([400, "invalid_discord_id"])
      const badEmail = await issue({ customer_email: "not an e-mail" })
      expect(badEmail.status).toBe(400)
      const missing = await issue({ customer_id: "cus_missing" })
      expect(missing.status).toBe(404)

      const discordOnly = await issue({ customer_discord_id: DISCORD })
      expect(discordOnly.status).toBe(201)
      expect(discordOnly.data.license).toMatchObject({ customer_id: null, customer_email: null, customer_discord_id: DISCORD, status: "active" })
      const emailOnly = await issue({ customer_email: "guest-buyer@example.com" })
      expect(emailOnly.status).toBe(201)
      expect(emailOnly.data.license).toMatchObject({ customer_id: null, customer_email: "guest-buyer@example.com", customer_discord_id: null })
      const both = await issue({ customer_email: "both@example.com", customer_discord_id: OTHER_DISCORD })
      expect(both.data.license).toMatchObject({ customer_id: null, customer_email: "both@example.com", customer_discord_id: OTHER_DISCORD })
      // A key issued to an identity alone verifies like any other.
      const verified = await api.post("/licenses/verify", { license_key: discordOnly.data.license.key, domain: "discord.example" })
      expect(verified.data.code).toBe("valid")
    })

    it("the admin edits the Discord ID (history records it), searches and exports by it; the product's lookup returns it", async () => {
      const { data } = await issue({ customer_email: "edit-me@example.com" })
      const id: string = data.license.id
      const bad = await api.post(`/admin/licenses/${id}`, { customer_discord_id: "12" }, { ...auth, ...ok })
      expect([bad.status, bad.data.code]).toEqual([400, "invalid_discord_id"])

      const edited = await api.post(`/admin/licenses/${id}`, { customer_discord_id: "11112222333344445555" }, { ...auth, ...ok })
      expect(edited.status).toBe(200)
      expect(edited.data.license.customer_discord_id).toBe("11112222333344445555")
      const events = await licenses().listLicenseEvents({ license_id: id, type: "updated" })
      expect(events.map((e) => e.data)).toEqual([
        expect.objectContaining({ changes: { customer_discord_id: { from: null, to: "11112222333344445555" } } }),
      ])

      const search = await api.get("/admin/licenses", { ...auth, params: { q: "11112222333344445555" } })
      expect(search.data.licenses.map((l: { id: string }) => l.id)).toEqual([id])
      const csv = await api.get("/admin/licenses/export", { ...auth, params: { q: "11112222333344445555" }, responseType: "text" })
      const [header, row] = String(csv.data).trim().split("\r\n").map((line) => line.split(","))
      expect(row[header.indexOf("customer_discord_id")]).toBe("11112222333344445555")
      expect(row[header.indexOf("id")]).toBe(id)

      // The product's own server sees it in the read-only lookup.
      const apiKey: string = (await api.post(`/admin/products/${store.product_id}/license-settings/api-key`, {}, auth)).data.api_key
      const lookup = await api.post("/licenses/lookup", { license_key: data.license.key }, { headers: { authorization: `Bearer ${apiKey}` } })
      expect(lookup.data.license).toMatchObject({ customer_email: "edit-me@example.com", customer_discord_id: "11112222333344445555" })

      // null removes it.
      const cleared = await api.post(`/admin/licenses/${id}`, { customer_discord_id: null }, { ...auth, ...ok })
      expect([cleared.status, cleared.data.license.customer_discord_id]).toEqual([200, null])
    })

    it("the KeyPort-compatible API is off by default: /api/v1 answers 404", async () => {
      const { data } = await issue({ customer_email: "off@example.com" })
      const apiKey: string = (await api.post(`/admin/products/${store.product_id}/license-settings/api-key`, {}, auth)).data.api_key
      const product = { headers: { authorization: `Bearer ${apiKey}` }, ...ok }
      const lookup = await api.get(`/api/v1/license/${encodeURIComponent(data.license.key)}`, product)
      expect(lookup.status).toBe(404)
      expect(JSON.stringify(lookup.data)).not.toContain(data.license.key)
      expect((await api.post("/api/v1/validate", { license_key: data.license.key }, product)).status).toBe(404)
    })

    it("a transfer gives the license its new owner's Discord ID (or none), never the previous owner's", async () => {
      const { data } = await issue({ customer_email: "giver@example.com", customer_discord_id: DISCORD })
      const withId = (await api.post("/admin/customers", { email: "taker@example.com", metadata: { discord_id: OTHER_DISCORD } }, auth)).data.customer
      const without = (await api.post("/admin/customers", { email: "plain@example.com" }, auth)).data.customer
      const moved = await api.post("/admin/license-transfers", { license_id: data.license.id, to_customer_id: withId.id }, { ...auth, ...ok })
      expect(moved.status).toBe(200)
      expect(await licenses().retrieveLicense(data.license.id)).toMatchObject({ customer_id: withId.id, customer_discord_id: OTHER_DISCORD })
      await api.post("/admin/license-transfers", { license_id: data.license.id, to_customer_id: without.id }, auth)
      expect(await licenses().retrieveLicense(data.license.id)).toMatchObject({ customer_id: without.id, customer_email: "plain@example.com", customer_discord_id: null })
      // Registering with a wrong Discord ID in the metadata is refused too.
      const bad = await api.post("/admin/customers", { email: "bad@example.com", metadata: { discord_id: "abc" } }, { ...auth, ...ok })
      expect([bad.status, bad.data.code]).toEqual([400, "invalid_discord_id"])
    })
  },
})
