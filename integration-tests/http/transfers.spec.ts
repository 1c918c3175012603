// License transfers against a real server and database: the owner asks in the
// store API, the admin approves or denies (or transfers directly).
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate, buyLicenses, type Customer, customerAccount, storeClient } from "../helpers/customer-licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

const BASE = "/store/customers/me/licenses"

type Auth = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let admin: Auth
    let client: ReturnType<typeof storeClient>
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = storeClient(api, store)
    })

    beforeEach(async () => {
      admin = await adminHeaders(api, store)
    })

    /** Alice bought a 5-sites key and uses it on two sites; Bob has an account. */
    async function fixture() {
      const alice = await customerAccount(api, store, "alice@example.com")
      const bob = await customerAccount(api, store, "bob@example.com")
      const { licenses: [license] } = await buyLicenses(api, getContainer(), store, alice, [
        { variant_id: store.variants["5 sites"], quantity: 1 },
      ])
      const key = licenses().revealKey(license)
      expect(await activate(api, key, "one.example.com")).toBe("valid")
      expect(await activate(api, key, "two.example.com")).toBe("valid")
      return { alice, bob, license, key }
    }

    const post = (customer: Customer | null, path: string, body: unknown) =>
      api.post(path, body, {
        headers: {
          "x-publishable-api-key": store.publishable_key,
          ...(customer ? { authorization: `Bearer ${customer.token}` } : {}),
        },
        validateStatus: () => true,
      })

    const adminPost = (path: string, body: unknown) => api.post(path, body, { ...admin, validateStatus: () => true })

    async function eventsOf(licenseId: string) {
      return await licenses().listLicenseEvents({ license_id: licenseId }, { take: null, order: { created_at: "ASC" } })
    }

    async function transferNotifications() {
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      return await notifications.listNotifications({ template: "license-transferred" }, { take: null })
    }

    it("request -> approve: the license moves to the account with that e-mail, its slots are freed, events and notifications", async () => {
      const { alice, bob, license, key } = await fixture()

      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: " Bob@Example.com " })
      expect(requested.status).toBe(201)
      expect(requested.data.transfer).toEqual({
        id: expect.stringMatching(/^ltrq_/),
        status: "pending",
        to_email: "bob@example.com",
        note: null,
        created_at: expect.any(String),
        decided_at: null,
      })
      const shown = await client.get(alice, `${BASE}/${license.id}/transfer`)
      expect(shown.data.transfer).toMatchObject({ id: requested.data.transfer.id, status: "pending" })
      const again = await post(alice, `${BASE}/${license.id}/transfer`, { email: "carol@example.com" })
      expect(again.status).toBe(409)
      expect(again.data.code).toBe("transfer_already_pending")

      // The admin sees it pending, overall and on the license.
      const pending = await api.get("/admin/license-transfers?status=pending", admin)
      expect(pending.data.count).toBe(1)
      expect(pending.data.transfers[0]).toMatchObject({
        id: requested.data.transfer.id,
        license_id: license.id,
        status: "pending",
        from_customer_id: alice.id,
        from_email: "alice@example.com",
        to_email: "bob@example.com",
        requested_by_type: "customer",
        license: { id: license.id, key_hint: license.key_hint, product_title: "Pro Plugin" },
      })
      expect(JSON.stringify(pending.data)).not.toContain(key)
      const onLicense = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(onLicense.data.transfers.map((t: { id: string }) => t.id)).toEqual([requested.data.transfer.id])

      const approved = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, { note: "OK, same company" })
      expect(approved.status).toBe(200)
      expect(approved.data).toMatchObject({
        license_id: license.id,
        from_customer_id: alice.id,
        to_customer_id: bob.id,
        released: 2,
        transfer: { status: "approved", to_customer_id: bob.id, note: "OK, same company", decided_by: expect.any(String) },
      })

      // Ownership moved; activations reset.
      const moved = await licenses().retrieveLicense(license.id)
      expect(moved).toMatchObject({ customer_id: bob.id, customer_email: "bob@example.com", activations_used: 0 })
      expect(await licenses().listLicenseActivations({ license_id: license.id, released_at: null })).toHaveLength(0)
      expect((await licenses().listLicenseActivations({ license_id: license.id })).every((a) => a.released_at)).toBe(true)
      // The key still works for the new owner's sites.
      expect(await activate(api, key, "bobs.example.com")).toBe("valid")

      // The old owner no longer sees it; the new owner does.
      expect((await client.get(alice, `${BASE}/${license.id}`)).status).toBe(404)
      expect((await client.get(alice, BASE)).data.licenses).toHaveLength(0)
      const bobs = await client.get(bob, BASE)
      expect(bobs.data.licenses.map((l: { id: string; key: string }) => [l.id, l.key])).toEqual([[license.id, key]])

      // History: a reset (reason transfer) and a transferred event naming both sides.
      const events = await eventsOf(license.id)
      const reset = events.find((e) => e.type === "reset")
      const transferred = events.find((e) => e.type === "transferred")
      expect(reset).toMatchObject({ actor_type: "admin", data: { reason: "transfer", released: 2, activations_used: 0 } })
      expect(transferred).toMatchObject({
        actor_type: "admin",
        data: {
          transfer_request_id: requested.data.transfer.id,
          from_customer_id: alice.id,
          from_email: "alice@example.com",
          to_customer_id: bob.id,
          to_email: "bob@example.com",
          requested_by: "customer",
          note: "OK, same company",
          released: 2,
        },
      })

      // Both customers are told; the stored copy never holds the key.
      const notifications = await transferNotifications()
      expect(notifications.map((n) => n.to).sort()).toEqual(["alice@example.com", "bob@example.com"])
      const toBob = notifications.find((n) => n.to === "bob@example.com")!
      const toAlice = notifications.find((n) => n.to === "alice@example.com")!
      expect(toBob.data).toMatchObject({ role: "new_owner", from_email: "alice@example.com", license: { key: `…-${license.key_hint}` } })
      expect(toAlice.data).toMatchObject({ role: "previous_owner", to_email: "bob@example.com", license: { license_id: license.id } })
      expect(JSON.stringify(notifications)).not.toContain(key)

      // Decided once: a second approval or a denial is refused.
      const twice = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(twice.status).toBe(400)
      expect(twice.data.message).toBe("This transfer request is already approved.")
      expect((await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/deny`, {})).status).toBe(400)
    })

    it("approving to an e-mail without a customer creates a guest customer", async () => {
      const { alice, license } = await fixture()
      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: "new.owner@example.com" })
      const approved = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(approved.status).toBe(200)
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const [guest] = await customers.listCustomers({ email: "new.owner@example.com" })
      expect(guest).toMatchObject({ id: approved.data.to_customer_id, has_account: false })
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({
        customer_id: guest.id,
        customer_email: "new.owner@example.com",
      })
    })

    it("deny changes nothing but the request", async () => {
      const { alice, license } = await fixture()
      const before = await licenses().retrieveLicense(license.id)
      const eventsBefore = await eventsOf(license.id)
      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: "bob@example.com" })

      const denied = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/deny`, { note: "Not allowed by the EULA" })
      expect(denied.status).toBe(200)
      expect(denied.data.transfer).toMatchObject({ status: "denied", note: "Not allowed by the EULA", decided_at: expect.any(String) })

      const after = await licenses().retrieveLicense(license.id)
      expect(after).toMatchObject({
        customer_id: before.customer_id,
        customer_email: before.customer_email,
        activations_used: 2,
        status: "active",
      })
      expect(await licenses().listLicenseActivations({ license_id: license.id, released_at: null })).toHaveLength(2)
      expect((await eventsOf(license.id)).map((e) => e.id)).toEqual(eventsBefore.map((e) => e.id))
      expect(await transferNotifications()).toHaveLength(0)
      // The owner sees the decision and may ask again.
      const shown = await client.get(alice, `${BASE}/${license.id}/transfer`)
      expect(shown.data.transfer).toMatchObject({ status: "denied", note: "Not allowed by the EULA" })
      expect((await post(alice, `${BASE}/${license.id}/transfer`, { email: "bob@example.com" })).status).toBe(201)
      expect((await api.get("/admin/license-transfers?status=pending", admin)).data.count).toBe(1)
    })

    it("the owner can withdraw a pending request", async () => {
      const { alice, license } = await fixture()
      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: "bob@example.com" })
      const canceled = await api.delete(`${BASE}/${license.id}/transfer`, {
        headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${alice.token}` },
      })
      expect(canceled.data.transfer).toMatchObject({ id: requested.data.transfer.id, status: "canceled" })
      expect((await client.delete(alice, `${BASE}/${license.id}/transfer`)).data.code).toBe("no_pending_transfer")
      const approve = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(approve.status).toBe(400)
      expect((await licenses().retrieveLicense(license.id)).customer_id).toBe(alice.id)
    })

    it("checks ownership on every store route: someone else's license answers like an unknown one", async () => {
      const { alice, bob, license } = await fixture()
      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: "carol@example.com" })
      expect(requested.status).toBe(201)
      const notFound = { code: "license_not_found", message: "License not found" }

      for (const id of [license.id, "lic_does_not_exist"]) {
        const asked = await post(bob, `${BASE}/${id}/transfer`, { email: "bob2@example.com" })
        expect([asked.status, asked.data]).toEqual([404, notFound])
        const read = await client.get(bob, `${BASE}/${id}/transfer`)
        expect([read.status, read.data]).toEqual([404, notFound])
        const withdrawn = await client.delete(bob, `${BASE}/${id}/transfer`)
        expect([withdrawn.status, withdrawn.data]).toEqual([404, notFound])
      }
      // Without a session: 401 from Medusa.
      expect((await post(null, `${BASE}/${license.id}/transfer`, { email: "x@example.com" })).status).toBe(401)
      expect((await client.get(null, `${BASE}/${license.id}/transfer`)).status).toBe(401)
      expect((await client.delete(null, `${BASE}/${license.id}/transfer`)).status).toBe(401)
      // Bad input: 400, and nothing about someone else's license.
      expect((await post(alice, `${BASE}/${license.id}/transfer`, { email: "not-an-email" })).status).toBe(400)
      const self = await post(bob, `${BASE}/${license.id}/transfer`, { email: "bob@example.com" })
      expect(self.status).toBe(404)
      // Bob's attempts changed nothing: Alice's request is still the only one, still pending.
      const all = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(all.data.transfers.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
        [requested.data.transfer.id, "pending"],
      ])
    })

    it("refuses a transfer to the current owner and of a revoked license", async () => {
      const { alice, license } = await fixture()
      const self = await post(alice, `${BASE}/${license.id}/transfer`, { email: "ALICE@example.com" })
      expect([self.status, self.data.code]).toEqual([400, "transfer_to_current_owner"])
      await adminPost(`/admin/licenses/${license.id}/revoke`, { reason: "refund" })
      const revoked = await post(alice, `${BASE}/${license.id}/transfer`, { email: "bob@example.com" })
      expect([revoked.status, revoked.data.code]).toEqual([409, "license_not_transferable"])
      const direct = await adminPost("/admin/license-transfers", { license_id: license.id, email: "bob@example.com" })
      expect(direct.status).toBe(400)
    })

    it("an admin transfers directly: same result and history, recorded as an approved admin request", async () => {
      const { alice, bob, license } = await fixture()
      const direct = await adminPost("/admin/license-transfers", { license_id: license.id, email: "bob@example.com", note: "support ticket 42" })
      expect(direct.status).toBe(200)
      expect(direct.data).toMatchObject({
        from_customer_id: alice.id,
        to_customer_id: bob.id,
        released: 2,
        transfer: { status: "approved", requested_by_type: "admin", note: "support ticket 42" },
      })
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: bob.id, activations_used: 0 })
      expect((await eventsOf(license.id)).filter((e) => e.type === "transferred")).toHaveLength(1)
      expect(await transferNotifications()).toHaveLength(2)

      // While the owner's request is pending, a direct transfer is refused (decide that request first).
      const back = await post(bob, `${BASE}/${license.id}/transfer`, { email: "alice@example.com" })
      expect(back.status).toBe(201)
      const refused = await adminPost("/admin/license-transfers", { license_id: license.id, email: "carol@example.com" })
      expect(refused.status).toBe(400)
      expect((await api.get("/admin/license-transfers?status=pending", admin)).data.count).toBe(1)
      const unknown = await adminPost("/admin/license-transfers", { license_id: "lic_nope", email: "carol@example.com" })
      expect(unknown.status).toBe(404)
    })
  },
})
