import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { heldActivations, licenseService, licensesOfOrder } from "../helpers/licenses"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { verifyClient } from "../helpers/verify-client"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000

// Expiry basis from the first activation (docs/renewals-and-upgrades.md "Expiry, grace and
// trials"): a key bought through a real checkout has no expiry until its first activation
// takes a slot; then expires_at = that activation's time + the term, set once, in the
// statement that takes the slot, however many first verifies race.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: DemoStore
    let licenses: LicenseModuleService
    let client: ReturnType<typeof verifyClient>

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = verifyClient(api)
    })
    afterAll(() => client.close())
    beforeEach(async () => {
      licenses = licenseService(getContainer())
      const res = await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        {
          policies: [
            {
              variant_id: store.variants["5 sites"],
              licensed: true,
              max_activations: 5,
              term_days: 30,
              expiry_basis: "from_first_activation",
              grace_days: 3,
            },
          ],
        },
        await adminHeaders(api, store)
      )
      expect(res.status).toBe(200)
    })

    async function buyFiveSites() {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 1 }])
      const [license] = await waitFor(() => licensesOfOrder(licenses, order.id), (l) => l.length >= 1)
      return { license, key: licenses.revealKey(license) }
    }

    it("issues the key without an expiry; 12 concurrent first verifies start the term exactly once, at the first slot's time", async () => {
      const { license, key } = await buyFiveSites()
      expect(license).toMatchObject({ expires_at: null, activation_term_days: 30, expiry_basis: "from_first_activation" })
      const auth = await adminHeaders(api, store)
      expect((await api.get(`/admin/licenses/${license.id}`, auth)).data.license).toMatchObject({
        status: "active",
        expires_at: null,
        activation_term_days: 30,
      })

      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => client.post("/licenses/verify", { license_key: key, domain: `race-${i}.example` }))
      )
      const valid = answers.filter((a) => a.data.code === "valid")
      expect(valid).toHaveLength(5)
      expect(answers.filter((a) => a.data.code === "max_activations_exceeded")).toHaveLength(7)

      const row = await licenses.retrieveLicense(license.id)
      expect(row.activation_term_days).toBeNull()
      expect(row.activations_used).toBe(5)
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)
      // expires_at is the time of the slot counted first (its transaction's now(), which is also that
      // activation's first_seen_at) + 30 days, compared in PostgreSQL to the microsecond (two of the 12
      // transactions can start within one millisecond, which is all a JavaScript Date keeps): exactly one
      // activation matches.
      const expiresAt = new Date(row.expires_at!).getTime()
      const { rows: starters } = await dbConnection.raw(
        `SELECT a.id FROM license_activation a JOIN license l ON l.id = a.license_id
          WHERE a.license_id = ? AND a.released_at IS NULL AND a.first_seen_at + interval '30 days' = l.expires_at`,
        [license.id]
      )
      expect(starters).toHaveLength(1)
      expect(new Date(row.grace_ends_at!).getTime()).toBe(expiresAt + 3 * DAY)
      // Every valid answer names that one expiry; no later slot moved it.
      expect(new Set(valid.map((a) => a.data.license.expires_at))).toEqual(new Set([new Date(row.expires_at!).toISOString()]))

      // The history records the start on the activation that set it, and only there.
      const events = await licenses.listLicenseEvents({ license_id: license.id, type: "activated" }, { take: null })
      expect(events).toHaveLength(5)
      expect(new Set(events.map((e) => (e.data as any).expires_at))).toEqual(new Set([new Date(row.expires_at!).toISOString()]))
    })

    it("freeing every slot and activating again does not move the expiry; a key that never activates never expires", async () => {
      const { license, key } = await buyFiveSites()
      const idle = await buyFiveSites()
      expect((await client.post("/licenses/verify", { license_key: key, domain: "one.example" })).data.code).toBe("valid")
      const started = (await licenses.retrieveLicense(license.id)).expires_at
      expect(started).not.toBeNull()
      expect((await client.post("/licenses/deactivate", { license_key: key, domain: "one.example" })).data.code).toBe("deactivated")
      expect((await licenses.retrieveLicense(license.id)).activations_used).toBe(0)
      const again = await client.post("/licenses/verify", { license_key: key, domain: "two.example" })
      expect(again.data).toMatchObject({ code: "valid" })
      expect(again.data.license.expires_at).toBe(new Date(started!).toISOString())

      // Once the started term runs out, the key expires like any other (after its grace).
      await dbConnection.raw(`UPDATE license SET expires_at = now() - interval '4 days' WHERE id = ?`, [license.id])
      expect((await client.post("/licenses/verify", { license_key: key, domain: "two.example" })).data.code).toBe("expired")

      const idleRow = await licenses.retrieveLicense(idle.license.id)
      expect(idleRow).toMatchObject({ expires_at: null, activation_term_days: 30 })
    })

    it("an expiry the admin sets on a waiting key ends the wait: the first activation keeps it", async () => {
      const { license, key } = await buyFiveSites()
      const auth = await adminHeaders(api, store)
      const chosen = new Date(Date.now() + 90 * DAY)
      const res = await api.post(`/admin/licenses/${license.id}`, { expires_at: chosen.toISOString() }, auth)
      expect(res.status).toBe(200)
      expect((await licenses.retrieveLicense(license.id)).activation_term_days).toBeNull()
      const answer = await client.post("/licenses/verify", { license_key: key, domain: "admin-set.example" })
      expect(answer.data.license.expires_at).toBe(chosen.toISOString())
    })
  },
})
