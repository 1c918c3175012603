// License transfers against a real server and database: the owner asks in the
// store API, the admin approves (a claim link goes to the recipient) or denies,
// or transfers directly; the license moves when a logged-in customer redeems
// the claim.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate, buyLicenses, type Customer, customerAccount, storeClient } from "../helpers/customer-licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

const BASE = "/store/customers/me/licenses"
const CLAIMS = "/store/customers/me/license-claims"

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

    // What the local notification provider was given (it logs every message):
    // the only place the claim token exists besides the recipient's inbox.
    let sentLog: string[] = []
    beforeEach(async () => {
      admin = await adminHeaders(api, store)
      sentLog = []
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      jest.spyOn(logger, "info").mockImplementation((message: string) => {
        sentLog.push(String(message))
      })
    })
    afterEach(() => jest.restoreAllMocks())

    /** The claim URLs the provider sent to `to`, oldest first. */
    function claimUrlsSentTo(to: string): string[] {
      return sentLog
        .filter((m) => m.includes(`to: '${to}'`) && m.includes("template: 'license-transfer-claim'"))
        .map((m) => JSON.parse(m.slice(m.indexOf("data: '") + 7, -1)).claim_url as string)
    }
    function tokenSentTo(to: string): string {
      const urls = claimUrlsSentTo(to)
      expect(urls).toHaveLength(1)
      const url = new URL(urls[0])
      expect(`${url.origin}${url.pathname}`).toBe("http://localhost:8000/account/licenses/claim")
      return url.searchParams.get("token")!
    }

    const db = () => getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

    /** Every table of the database whose rows contain `text` anywhere. */
    async function tablesContaining(text: string): Promise<string[]> {
      const { rows } = await db().raw<{ rows: { table_name: string }[] }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
      )
      const found: string[] = []
      for (const { table_name } of rows) {
        const hit = await db().raw<{ rows: unknown[] }>(`SELECT 1 FROM ?? t WHERE t::text LIKE ? LIMIT 1`, [table_name, `%${text}%`])
        if (hit.rows.length) {
          found.push(table_name)
        }
      }
      return found
    }

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

    async function claimNotifications() {
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      return await notifications.listNotifications({ template: "license-transfer-claim" }, { take: null })
    }

    const redeem = (customer: Customer | null, token: unknown) => post(customer, CLAIMS, { token })

    /** Alice asks to move her license to `email` and the admin approves: the claim goes out. */
    async function approvedTo(alice: Customer, licenseId: string, email: string) {
      const requested = await post(alice, `${BASE}/${licenseId}/transfer`, { email })
      expect(requested.status).toBe(201)
      const approved = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(approved.status).toBe(200)
      return { requestId: requested.data.transfer.id as string, approved }
    }

    it("request -> approve sends a claim link, the owner keeps the license; redeeming it moves the license, frees its slots, writes events and notifies", async () => {
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
        claim: null,
        license: { id: license.id, key_hint: license.key_hint, product_title: "Pro Plugin" },
      })
      expect(JSON.stringify(pending.data)).not.toContain(key)
      const onLicense = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(onLicense.data.transfers.map((t: { id: string }) => t.id)).toEqual([requested.data.transfer.id])

      const approvedAt = Date.now()
      const approved = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, { note: "OK, same company" })
      expect(approved.status).toBe(200)
      expect(approved.data).toMatchObject({
        transfer: { status: "awaiting_claim", to_customer_id: null, note: "OK, same company", decided_by: expect.any(String) },
        claim: { id: expect.stringMatching(/^ltcl_/), to_email: "bob@example.com", used_at: null, expired: false },
      })
      // Expires after the default 7 days.
      const expiresIn = new Date(approved.data.claim.expires_at).getTime() - approvedAt
      expect(Math.abs(expiresIn - 7 * 24 * 3600 * 1000)).toBeLessThan(3600 * 1000)

      // Nothing moved yet: Alice keeps the license, its slots, and her sites keep verifying.
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, activations_used: 2 })
      expect(await activate(api, key, "one.example.com")).toBe("valid")
      expect((await client.get(alice, BASE)).data.licenses.map((l: { id: string }) => l.id)).toEqual([license.id])
      expect((await client.get(bob, BASE)).data.licenses).toHaveLength(0)
      expect((await eventsOf(license.id)).filter((e) => e.type === "transferred" || e.type === "reset")).toHaveLength(0)
      expect(await transferNotifications()).toHaveLength(0)
      const listed = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(listed.data.transfers[0]).toMatchObject({
        status: "awaiting_claim",
        claim: { id: approved.data.claim.id, to_email: "bob@example.com", expires_at: approved.data.claim.expires_at, used_at: null },
      })
      expect((await client.get(alice, `${BASE}/${license.id}/transfer`)).data.transfer).toMatchObject({ status: "awaiting_claim" })

      // The recipient got the link; the stored notification does not keep the token.
      const token = tokenSentTo("bob@example.com")
      expect(token.length).toBeGreaterThanOrEqual(22)
      const [claimNote] = await claimNotifications()
      expect(claimNote).toMatchObject({
        to: "bob@example.com",
        data: { claim_url: null, from_email: "alice@example.com", license: { license_id: license.id, key: `…-${license.key_hint}` } },
      })
      expect(await tablesContaining(token)).toEqual([])
      // (The scan does find what is stored: the license's key hint.)
      expect(await tablesContaining(license.key_hint)).toContain("license")

      // Bob, logged in, redeems it.
      const redeemed = await redeem(bob, token)
      expect(redeemed.status).toBe(200)
      expect(redeemed.data).toEqual({ license_id: license.id, transfer_request_id: requested.data.transfer.id })

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

      // History: a reset (reason transfer) and a transferred event naming both sides, by the redeeming customer.
      const events = await eventsOf(license.id)
      const reset = events.find((e) => e.type === "reset")
      const transferred = events.find((e) => e.type === "transferred")
      expect(reset).toMatchObject({ actor_type: "customer", actor_id: bob.id, data: { reason: "transfer", released: 2, activations_used: 0 } })
      expect(transferred).toMatchObject({
        actor_type: "customer",
        actor_id: bob.id,
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
      const done = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(done.data.transfers[0]).toMatchObject({
        status: "approved",
        to_customer_id: bob.id,
        claim: { used_at: expect.any(String), used_by_customer_id: bob.id },
      })

      // Both customers are told; the stored copy never holds the key.
      const notifications = await transferNotifications()
      expect(notifications.map((n) => n.to).sort()).toEqual(["alice@example.com", "bob@example.com"])
      const toBob = notifications.find((n) => n.to === "bob@example.com")!
      const toAlice = notifications.find((n) => n.to === "alice@example.com")!
      expect(toBob.data).toMatchObject({ role: "new_owner", from_email: "alice@example.com", license: { key: `…-${license.key_hint}` } })
      expect(toAlice.data).toMatchObject({ role: "previous_owner", to_email: "bob@example.com", license: { license_id: license.id } })
      expect(JSON.stringify(notifications)).not.toContain(key)

      // Single use: a second redeem is refused, and the token is still nowhere in the database.
      const second = await redeem(bob, token)
      expect([second.status, second.data.code]).toEqual([409, "claim_used"])
      expect(await tablesContaining(token)).toEqual([])

      // Decided once: a second approval or a denial is refused.
      const twice = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(twice.status).toBe(400)
      expect(twice.data.message).toBe("This transfer request is already approved.")
      expect((await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/deny`, {})).status).toBe(400)
    })

    it("an attacker who registered the recipient's e-mail in another case gets nothing; the token's holder gets the license", async () => {
      const { alice, license, key } = await fixture()
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const requested = await post(alice, `${BASE}/${license.id}/transfer`, { email: "victim@example.com" })
      expect(requested.status).toBe(201)
      // Medusa does not verify e-mails: the attacker signs up with the recipient's address first.
      const attacker = await customerAccount(api, store, "VICTIM@Example.com")
      const customersBefore = (await customers.listCustomers({}, { take: null })).length

      const approved = await adminPost(`/admin/license-transfers/${requested.data.transfer.id}/approve`, {})
      expect(approved.status).toBe(200)
      expect(approved.data.transfer.status).toBe("awaiting_claim")

      // Still Alice's; the attacker's account holds nothing; no customer was created.
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, customer_email: "alice@example.com" })
      expect(await activate(api, key, "one.example.com")).toBe("valid")
      expect((await client.get(attacker, BASE)).data.licenses).toHaveLength(0)
      expect((await client.get(attacker, `${BASE}/${license.id}`)).status).toBe(404)
      expect((await customers.listCustomers({}, { take: null })).length).toBe(customersBefore)
      // Guessing does not help.
      const guessed = await redeem(attacker, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
      expect([guessed.status, guessed.data]).toEqual([404, { code: "claim_not_found", message: "This claim link is not valid." }])
      expect((await licenses().retrieveLicense(license.id)).customer_id).toBe(alice.id)

      // The link went to the address; whoever opens it logs in (any account, any e-mail) and redeems.
      const token = tokenSentTo("victim@example.com")
      const recipient = await customerAccount(api, store, "the.real.recipient@example.net")
      const redeemed = await redeem(recipient, token)
      expect(redeemed.status).toBe(200)
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({
        customer_id: recipient.id,
        customer_email: "the.real.recipient@example.net",
      })
      expect((await client.get(attacker, BASE)).data.licenses).toHaveLength(0)
      expect((await client.get(recipient, BASE)).data.licenses.map((l: { id: string }) => l.id)).toEqual([license.id])
    })

    it("refuses expired, wrong, missing and anonymous redeems with typed codes, changing nothing", async () => {
      const { alice, bob, license } = await fixture()
      const { requestId, approved } = await approvedTo(alice, license.id, "bob@example.com")
      const token = tokenSentTo("bob@example.com")

      expect((await redeem(null, token)).status).toBe(401)
      const missing = await redeem(bob, undefined)
      expect([missing.status, missing.data.type]).toEqual([400, "invalid_data"])
      expect((await post(bob, CLAIMS, { token, extra: 1 })).status).toBe(400)
      const wrong = await redeem(bob, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)
      expect([wrong.status, wrong.data.code]).toEqual([404, "claim_not_found"])

      // The link expires (set in the database: no clock to wait for).
      await db().raw(`UPDATE license_transfer_claim SET expires_at = now() - interval '1 second' WHERE id = ?`, [approved.data.claim.id])
      const expired = await redeem(bob, token)
      expect([expired.status, expired.data.code]).toEqual([410, "claim_expired"])
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, activations_used: 2 })
      const [claim] = await licenses().listLicenseTransferClaims({ id: approved.data.claim.id })
      expect(claim.used_at).toBeNull()
      expect((await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)).data.transfers[0].claim.expired).toBe(true)

      // The owner may ask again: the expired request ends `expired`.
      expect((await post(alice, `${BASE}/${license.id}/transfer`, { email: "carol@example.com" })).status).toBe(201)
      const all = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(all.data.transfers.map((t: { id: string; status: string }) => [t.id === requestId, t.status])).toEqual([
        [false, "pending"],
        [true, "expired"],
      ])
      expect((await redeem(bob, token)).data.code).toBe("claim_expired")
    })

    it("a license revoked (or moved) before the claim is redeemed is not transferable", async () => {
      const { alice, bob, license } = await fixture()
      const { approved } = await approvedTo(alice, license.id, "bob@example.com")
      const token = tokenSentTo("bob@example.com")
      expect((await adminPost(`/admin/licenses/${license.id}/revoke`, { reason: "refund" })).status).toBe(200)

      const refused = await redeem(bob, token)
      expect([refused.status, refused.data.code]).toEqual([409, "license_not_transferable"])
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, status: "revoked" })
      const [claim] = await licenses().listLicenseTransferClaims({ id: approved.data.claim.id })
      expect(claim.used_at).toBeNull()
      expect(await transferNotifications()).toHaveLength(0)
      // The owner cannot redeem a claim to move the license to themselves either.
      expect((await redeem(alice, token)).data.code).toBe("license_not_transferable")
    })

    it("concurrent redeems of one token: exactly one wins", async () => {
      const { alice, license } = await fixture()
      await approvedTo(alice, license.id, "team@example.com")
      const token = tokenSentTo("team@example.com")
      const racers = await Promise.all(
        ["r1@example.com", "r2@example.com", "r3@example.com", "r4@example.com", "r5@example.com"].map((email) =>
          customerAccount(api, store, email)
        )
      )
      const answers = await Promise.all(racers.map((racer) => redeem(racer, token)))
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(1)
      expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.data.code])).toEqual(
        Array(4).fill([409, "claim_used"])
      )
      const winner = racers[statuses.indexOf(200)]
      expect((await licenses().retrieveLicense(license.id)).customer_id).toBe(winner.id)
      expect((await eventsOf(license.id)).filter((e) => e.type === "transferred")).toHaveLength(1)
      expect((await eventsOf(license.id)).filter((e) => e.type === "reset")).toHaveLength(1)
    })

    it("the admin cancels a pending claim: the link stops working, the owner keeps the license", async () => {
      const { alice, bob, license } = await fixture()
      const { requestId } = await approvedTo(alice, license.id, "bob@example.com")
      const token = tokenSentTo("bob@example.com")

      // While the claim is out, nobody can start another transfer.
      expect((await post(alice, `${BASE}/${license.id}/transfer`, { email: "carol@example.com" })).data.code).toBe(
        "transfer_already_pending"
      )
      expect((await adminPost("/admin/license-transfers", { license_id: license.id, email: "carol@example.com" })).status).toBe(400)

      const canceled = await adminPost(`/admin/license-transfers/${requestId}/cancel`, {})
      expect(canceled.status).toBe(200)
      expect(canceled.data.transfer).toMatchObject({ id: requestId, status: "canceled" })
      const refused = await redeem(bob, token)
      expect([refused.status, refused.data.code]).toEqual([404, "claim_not_found"])
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, activations_used: 2 })
      const listed = await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)
      expect(listed.data.transfers[0]).toMatchObject({ status: "canceled", claim: { canceled_at: expect.any(String), used_at: null } })
      // Nothing left to cancel; an unknown id is 404.
      expect((await adminPost(`/admin/license-transfers/${requestId}/cancel`, {})).status).toBe(400)
      expect((await adminPost(`/admin/license-transfers/ltrq_nope/cancel`, {})).status).toBe(404)
      // A new transfer can start.
      expect((await post(alice, `${BASE}/${license.id}/transfer`, { email: "carol@example.com" })).status).toBe(201)
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

    it("an admin transfers directly to a customer picked by id: moved at once, recorded as an approved admin request", async () => {
      const { alice, bob, license } = await fixture()
      const direct = await adminPost("/admin/license-transfers", { license_id: license.id, to_customer_id: bob.id, note: "support ticket 42" })
      expect(direct.status).toBe(200)
      expect(direct.data).toMatchObject({
        from_customer_id: alice.id,
        to_customer_id: bob.id,
        released: 2,
        claim: null,
        transfer: { status: "approved", requested_by_type: "admin", note: "support ticket 42", to_email: "bob@example.com" },
      })
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: bob.id, activations_used: 0 })
      expect((await eventsOf(license.id)).filter((e) => e.type === "transferred")).toHaveLength(1)
      expect(await transferNotifications()).toHaveLength(2)
      expect(await claimNotifications()).toHaveLength(0)

      // While the owner's request is pending, a direct transfer is refused (decide that request first).
      const back = await post(bob, `${BASE}/${license.id}/transfer`, { email: "alice@example.com" })
      expect(back.status).toBe(201)
      const refused = await adminPost("/admin/license-transfers", { license_id: license.id, email: "carol@example.com" })
      expect(refused.status).toBe(400)
      expect((await api.get("/admin/license-transfers?status=pending", admin)).data.count).toBe(1)
      const unknown = await adminPost("/admin/license-transfers", { license_id: "lic_nope", email: "carol@example.com" })
      expect(unknown.status).toBe(404)
      // Bad input: both or neither target, an unknown customer, the current owner.
      const both = await adminPost("/admin/license-transfers", { license_id: license.id, email: "c@example.com", to_customer_id: alice.id })
      expect([both.status, both.data.type]).toEqual([400, "invalid_data"])
      expect((await adminPost("/admin/license-transfers", { license_id: license.id })).status).toBe(400)
      const noCustomer = await adminPost("/admin/license-transfers", { license_id: license.id, to_customer_id: "cus_nope" })
      expect(noCustomer.status).toBe(404)
      expect((await api.get(`/admin/license-transfers?license_id=${license.id}`, admin)).data.transfers.map((t: { status: string }) => t.status)).toEqual([
        "pending",
        "approved",
      ])
    })

    it("an admin transfers directly to an e-mail: a claim link, as for an approved request", async () => {
      const { alice, license } = await fixture()
      const direct = await adminPost("/admin/license-transfers", { license_id: license.id, email: "New.Owner@example.com" })
      expect(direct.status).toBe(200)
      expect(direct.data).toMatchObject({
        transfer: { status: "awaiting_claim", requested_by_type: "admin", to_email: "new.owner@example.com" },
        claim: { to_email: "new.owner@example.com", used_at: null },
      })
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: alice.id, activations_used: 2 })
      const customers = getContainer().resolve(Modules.CUSTOMER)
      expect(await customers.listCustomers({ email: "new.owner@example.com" })).toHaveLength(0)

      const token = tokenSentTo("new.owner@example.com")
      const newOwner = await customerAccount(api, store, "new.owner@example.com")
      expect((await redeem(newOwner, token)).status).toBe(200)
      expect(await licenses().retrieveLicense(license.id)).toMatchObject({ customer_id: newOwner.id, activations_used: 0 })
      const [transferred] = (await eventsOf(license.id)).filter((e) => e.type === "transferred")
      expect(transferred).toMatchObject({ actor_type: "customer", data: { requested_by: "admin", to_customer_id: newOwner.id } })
    })
  },
})
