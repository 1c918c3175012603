// The cool-down is read from the env by medusa-config.ts when the runner boots
// the app, so it is set before that (the runner's `env` option is applied only
// after the config is loaded). Each `it` starts from a fresh database snapshot,
// so a cool-down never carries over from one test to the next.
// customer-licenses-options.spec.ts boots a server with customerCanDeactivate=false.
process.env.LICENSE_CUSTOMER_DEACTIVATION_COOLDOWN_SECONDS = "3600"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate, buyLicenses, type Customer, customerAccount, storeClient } from "../helpers/customer-licenses"
import { type DemoStore, seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

const BASE = "/store/customers/me/licenses"
const KEY_PATTERN = /^CP-([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}$/

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let client: ReturnType<typeof storeClient>
    const licenseModule = () => getContainer().resolve<LicenseModuleService>("license")

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = storeClient(api, store)
    })

    /** Alice bought one of each variant; Bob one Single site. */
    async function twoCustomers() {
      const alice = await customerAccount(api, store, "alice@example.com")
      const bob = await customerAccount(api, store, "bob@example.com")
      const a = await buyLicenses(api, getContainer(), store, alice, [
        { variant_id: store.variants["Single site"], quantity: 1 },
        { variant_id: store.variants["5 sites"], quantity: 1 },
        { variant_id: store.variants["Unlimited sites"], quantity: 1 },
      ])
      const b = await buyLicenses(api, getContainer(), store, bob, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const byVariant = (title: string) => a.licenses.find((l) => l.variant_title === title)!
      return {
        alice,
        bob,
        aliceOrder: a.order,
        single: byVariant("Single site"),
        five: byVariant("5 sites"),
        unlimited: byVariant("Unlimited sites"),
        bobLicense: b.licenses[0],
      }
    }

    const keyOf = (license: { key_encrypted: string }) => licenseModule().revealKey(license)

    describe("GET /store/customers/me/licenses", () => {
      it("lists only the customer's own licenses, with the full key, snapshots, status and counts", async () => {
        const { alice, bob, aliceOrder, single, five, unlimited, bobLicense } = await twoCustomers()
        await activate(api, keyOf(five), "one.example.com")

        const res = await client.get(alice, BASE)
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(3)
        expect(res.data.limit).toBe(20)
        expect(res.data.offset).toBe(0)
        const ids = res.data.licenses.map((l: { id: string }) => l.id)
        expect(ids.sort()).toEqual([single.id, five.id, unlimited.id].sort())
        expect(ids).not.toContain(bobLicense.id)

        const listed = res.data.licenses.find((l: { id: string }) => l.id === five.id)
        expect(listed).toEqual({
          id: five.id,
          key: keyOf(five),
          status: "active",
          product_id: store.product_id,
          variant_id: store.variants["5 sites"],
          product_title: "Pro Plugin",
          variant_title: "5 sites",
          expires_at: expect.any(String),
          max_activations: 5,
          activations_used: 1,
          order_id: aliceOrder.id,
          order_display_id: aliceOrder.display_id,
          created_at: expect.any(String),
          // Expiry rules (docs/renewals-and-upgrades.md): no grace, the term started at purchase.
          activation_term_days: null,
          grace_ends_at: null,
        })
        expect(listed.key).toMatch(KEY_PATTERN)
        const unlimitedListed = res.data.licenses.find((l: { id: string }) => l.id === unlimited.id)
        expect(unlimitedListed.max_activations).toBe(0)

        // Nothing the customer should not see.
        for (const license of res.data.licenses) {
          for (const hidden of ["key_hash", "key_encrypted", "notes", "metadata", "customer_email", "customer_id"]) {
            expect(license).not.toHaveProperty(hidden)
          }
        }

        const bobs = await client.get(bob, BASE)
        expect(bobs.data.count).toBe(1)
        expect(bobs.data.licenses.map((l: { id: string }) => l.id)).toEqual([bobLicense.id])
      })

      it("shows lifetime keys with a null expiry and derives expired", async () => {
        const { alice, single, five } = await twoCustomers()
        await licenseModule().updateLicenses([
          { id: single.id, expires_at: null },
          { id: five.id, expires_at: new Date(Date.now() - 60_000) },
        ])
        const res = await client.get(alice, BASE)
        const byId = new Map(res.data.licenses.map((l: { id: string }) => [l.id, l]))
        expect(byId.get(single.id)).toMatchObject({ expires_at: null, status: "active" })
        expect(byId.get(five.id)).toMatchObject({ status: "expired" })
      })

      it("puts active keys first (then expired, suspended, revoked) and pages with limit, offset and count", async () => {
        const alice = await customerAccount(api, store, "alice@example.com")
        const { licenses } = await buyLicenses(api, getContainer(), store, alice, [
          { variant_id: store.variants["5 sites"], quantity: 6 },
        ])
        // The newest keys get the "worse" statuses, so that newest-first alone would be wrong.
        const sorted = [...licenses].sort((a, b) => a.unit_index - b.unit_index)
        const [revoked, suspended, expired] = sorted.slice(3)
        await licenseModule().updateLicenses([
          { id: revoked.id, status: "revoked", revoked_at: new Date(), revoke_reason: "test" },
          { id: suspended.id, status: "suspended" },
          { id: expired.id, expires_at: new Date(Date.now() - 1000) },
        ])

        const full = await client.get(alice, `${BASE}?limit=100`)
        expect(full.data.count).toBe(6)
        const statuses = full.data.licenses.map((l: { status: string }) => l.status)
        expect(statuses).toEqual(["active", "active", "active", "expired", "suspended", "revoked"])
        expect(full.data.licenses.slice(3).map((l: { id: string }) => l.id)).toEqual([expired.id, suspended.id, revoked.id])

        const paged: string[] = []
        for (let offset = 0; offset < 6; offset += 4) {
          const page = await client.get(alice, `${BASE}?limit=4&offset=${offset}`)
          expect(page.status).toBe(200)
          expect(page.data).toMatchObject({ count: 6, limit: 4, offset })
          expect(page.data.licenses).toHaveLength(offset === 0 ? 4 : 2)
          paged.push(...page.data.licenses.map((l: { id: string }) => l.id))
        }
        expect(paged).toEqual(full.data.licenses.map((l: { id: string }) => l.id))

        const beyond = await client.get(alice, `${BASE}?limit=4&offset=40`)
        expect(beyond.data).toMatchObject({ count: 6, licenses: [] })

        expect((await client.get(alice, `${BASE}?limit=0`)).status).toBe(400)
        expect((await client.get(alice, `${BASE}?limit=101`)).status).toBe(400)
        expect((await client.get(alice, `${BASE}?offset=-1`)).status).toBe(400)
      })

      it("answers an empty list to a customer without licenses, and 401 without a session", async () => {
        const carol = await customerAccount(api, store, "carol@example.com")
        const res = await client.get(carol, BASE)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ licenses: [], count: 0, limit: 20, offset: 0 })
        expect((await client.get(null, BASE)).status).toBe(401)
      })
    })

    describe("GET /store/customers/me/licenses/:id", () => {
      it("shows the customer's license with the slots it holds", async () => {
        const { alice, five } = await twoCustomers()
        const key = keyOf(five)
        await activate(api, key, "one.example.com")
        await activate(api, key, "two.example.com")

        const res = await client.get(alice, `${BASE}/${five.id}`)
        expect(res.status).toBe(200)
        expect(res.data.license).toMatchObject({ id: five.id, key, status: "active", activations_used: 2, max_activations: 5 })
        expect(res.data.license.activations).toEqual([
          {
            id: expect.stringMatching(/^lact_/),
            kind: "domain",
            identifier: "one.example.com",
            name: null,
            first_seen_at: expect.any(String),
            last_seen_at: expect.any(String),
          },
          expect.objectContaining({ kind: "domain", identifier: "two.example.com" }),
        ])
        expect(res.data.license.deactivation).toEqual({ allowed: true, cooldown_seconds: 3600, available_at: null })
      })

      it("answers 404 for another customer's license and for an unknown id, never the license", async () => {
        const { alice, bob, five } = await twoCustomers()
        const theirs = await client.get(bob, `${BASE}/${five.id}`)
        expect(theirs.status).toBe(404)
        expect(theirs.data).toEqual({ code: "license_not_found", message: "License not found" })
        expect(JSON.stringify(theirs.data)).not.toContain(keyOf(five))

        const unknown = await client.get(alice, `${BASE}/lic_does_not_exist`)
        expect(unknown.status).toBe(404)
        expect(unknown.data).toEqual(theirs.data)
        expect((await client.get(null, `${BASE}/${five.id}`)).status).toBe(401)
      })
    })

    describe("DELETE /store/customers/me/licenses/:id/activations/:activation_id", () => {
      it("frees the slot: the count drops, a new domain can activate, the row stays and the customer is the actor", async () => {
        const { alice, single } = await twoCustomers()
        const key = keyOf(single)
        expect(await activate(api, key, "old-site.example.com")).toBe("valid")
        expect(await activate(api, key, "new-site.example.com")).toBe("max_activations_exceeded")

        const before = await client.get(alice, `${BASE}/${single.id}`)
        const [held] = before.data.license.activations
        expect(held.identifier).toBe("old-site.example.com")

        const res = await client.delete(alice, `${BASE}/${single.id}/activations/${held.id}`)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({
          id: held.id,
          object: "license_activation",
          deleted: true,
          // Single site: a budget of 3 deactivations per 30 days, one used now.
          license: { id: single.id, activations_used: 0, deactivations_remaining: 2 },
        })

        const after = await client.get(alice, `${BASE}/${single.id}`)
        expect(after.data.license.activations_used).toBe(0)
        expect(after.data.license.deactivations_remaining).toBe(2)
        expect(after.data.license.activations).toEqual([])
        // The cool-down (3600 s in this file) now runs for this license.
        expect(after.data.license.deactivation.available_at).toEqual(expect.any(String))

        expect(await activate(api, key, "new-site.example.com")).toBe("valid")
        expect((await licenseModule().retrieveLicense(single.id)).activations_used).toBe(1)

        const [row] = await licenseModule().listLicenseActivations({ id: held.id })
        expect(row.released_at).toBeTruthy()

        const events = await licenseModule().listLicenseEvents({ license_id: single.id, type: "deactivated" })
        expect(events).toHaveLength(1)
        expect(events[0]).toMatchObject({
          actor_type: "customer",
          actor_id: alice.id,
          data: { activation_id: held.id, kind: "domain", identifier: "old-site.example.com", activations_used: 0 },
        })
      })

      it("answers 404 when another customer tries to free the slot, and changes nothing", async () => {
        const { alice, bob, five, bobLicense } = await twoCustomers()
        await activate(api, keyOf(five), "one.example.com")
        const [held] = (await client.get(alice, `${BASE}/${five.id}`)).data.license.activations

        const theirs = await client.delete(bob, `${BASE}/${five.id}/activations/${held.id}`)
        expect(theirs.status).toBe(404)
        expect(theirs.data).toEqual({ code: "license_not_found", message: "License not found" })
        // Naming their own license with someone else's activation does not work either.
        const mixed = await client.delete(bob, `${BASE}/${bobLicense.id}/activations/${held.id}`)
        expect(mixed.status).toBe(404)
        expect(mixed.data.code).toBe("activation_not_found")

        expect((await licenseModule().retrieveLicense(five.id)).activations_used).toBe(1)
        const after = await client.get(alice, `${BASE}/${five.id}`)
        expect(after.data.license.activations.map((a: { id: string }) => a.id)).toEqual([held.id])
        expect(await licenseModule().listLicenseEvents({ license_id: five.id, type: "deactivated" })).toEqual([])
        expect((await client.delete(null, `${BASE}/${five.id}/activations/${held.id}`)).status).toBe(401)
      })

      it("answers 404 activation_not_found for an unknown or already freed slot", async () => {
        const { alice, five } = await twoCustomers()
        await activate(api, keyOf(five), "one.example.com")
        const [held] = (await client.get(alice, `${BASE}/${five.id}`)).data.license.activations

        const unknown = await client.delete(alice, `${BASE}/${five.id}/activations/lact_nope`)
        expect(unknown.status).toBe(404)
        expect(unknown.data.code).toBe("activation_not_found")

        expect((await client.delete(alice, `${BASE}/${five.id}/activations/${held.id}`)).status).toBe(200)
        const again = await client.delete(alice, `${BASE}/${five.id}/activations/${held.id}`)
        // Within the cool-down the second call is refused before the slot is looked at.
        expect(again.status).toBe(429)
        expect((await licenseModule().retrieveLicense(five.id)).activations_used).toBe(0)
      })

      it("refuses a second slot within the cool-down with 429, Retry-After and a typed code", async () => {
        const { alice, five } = await twoCustomers()
        const key = keyOf(five)
        await activate(api, key, "one.example.com")
        await activate(api, key, "two.example.com")
        const [first, second] = (await client.get(alice, `${BASE}/${five.id}`)).data.license.activations

        expect((await client.delete(alice, `${BASE}/${five.id}/activations/${first.id}`)).status).toBe(200)
        const res = await client.delete(alice, `${BASE}/${five.id}/activations/${second.id}`)
        expect(res.status).toBe(429)
        expect(res.data.code).toBe("deactivation_cooldown")
        expect(res.data.message).toMatch(/Try again in (60|59) minutes/)
        const retryAfter = Number(res.headers["retry-after"])
        expect(retryAfter).toBeGreaterThan(3500)
        expect(retryAfter).toBeLessThanOrEqual(3600)
        expect(res.data.retry_after).toBe(retryAfter)

        expect((await licenseModule().retrieveLicense(five.id)).activations_used).toBe(1)
        const detail = await client.get(alice, `${BASE}/${five.id}`)
        expect(detail.data.license.activations.map((a: { id: string }) => a.id)).toEqual([second.id])

        // The cool-down is per license: another of Alice's keys is not affected.
        const other = await client.get(alice, BASE)
        const unlimited = other.data.licenses.find((l: { variant_title: string }) => l.variant_title === "Unlimited sites")
        await activate(api, unlimited.key, "three.example.com")
        const [held] = (await client.get(alice, `${BASE}/${unlimited.id}`)).data.license.activations
        expect((await client.delete(alice, `${BASE}/${unlimited.id}/activations/${held.id}`)).status).toBe(200)
      })

      it("frees exactly one slot when the same slot is freed twice at once", async () => {
        const { alice, five } = await twoCustomers()
        const key = keyOf(five)
        await activate(api, key, "one.example.com")
        await activate(api, key, "two.example.com")
        const [held] = (await client.get(alice, `${BASE}/${five.id}`)).data.license.activations
        const results = await Promise.all([
          client.delete(alice, `${BASE}/${five.id}/activations/${held.id}`),
          client.delete(alice, `${BASE}/${five.id}/activations/${held.id}`),
        ])
        expect(results.map((r) => r.status).sort()).toEqual([200, 429])
        expect((await licenseModule().retrieveLicense(five.id)).activations_used).toBe(1)
        expect(await licenseModule().listLicenseEvents({ license_id: five.id, type: "deactivated" })).toHaveLength(1)
      })
    })
  },
})
