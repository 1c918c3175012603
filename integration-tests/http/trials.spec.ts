import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { paymentOf } from "../helpers/order-actions"
import type LicenseModuleService from "../../src/modules/license/service"
import { licenseService, licensesOfOrder } from "../helpers/licenses"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { verifyClient } from "../helpers/verify-client"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000

// Trials (docs/renewals-and-upgrades.md "Expiry, grace and trials"): a trial policy on the
// "Single site" variant; one trial per customer e-mail per product, refused at checkout with
// a typed error, and never issued twice even when issuance is called past the checkout.

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
        { policies: [{ variant_id: store.variants["Single site"], licensed: true, max_activations: 1, term_days: 14, trial: true }] },
        await adminHeaders(api, store)
      )
      expect(res.status).toBe(200)
    })

    const trialLine = (quantity = 1) => [{ variant_id: store.variants["Single site"], quantity }]

    /** Runs a checkout and returns the completion's HTTP status and body instead of throwing. */
    async function checkout(email: string, items: { variant_id: string; quantity: number }[]) {
      try {
        return { status: 200, order: await placeOrder(api, store, items, { email }) }
      } catch (error: any) {
        return { status: error.response?.status as number, body: error.response?.data }
      }
    }

    it("a trial policy counts its term from the first activation by default; the trial key verifies like any key", async () => {
      const auth = await adminHeaders(api, store)
      const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
      expect(data.license_policies.find((p: any) => p.variant_title === "Single site")).toMatchObject({
        trial: true,
        expiry_basis: "from_first_activation",
        term_days: 14,
      })
      const { order } = await checkout("tina@example.com", trialLine())
      const [trial] = await waitFor(() => licensesOfOrder(licenses, order!.id), (l) => l.length >= 1)
      expect(trial).toMatchObject({ trial_email: "tina@example.com", expires_at: null, activation_term_days: 14 })
      const answer = await client.post("/licenses/verify", { license_key: licenses.revealKey(trial), domain: "trial.example" })
      expect(answer.data).toMatchObject({ valid: true, code: "valid", license: { status: "active" } })
      const expiresIn = new Date(answer.data.license.expires_at).getTime() - Date.now()
      expect(expiresIn).toBeGreaterThan(13.9 * DAY)
      expect(expiresIn).toBeLessThanOrEqual(14 * DAY)
    })

    it("a second trial for the same e-mail (any letter case) is refused at checkout with trial_already_used; no order, no key", async () => {
      const first = await checkout("sam@example.com", trialLine())
      expect(first.status).toBe(200)
      await waitFor(() => licensesOfOrder(licenses, first.order!.id), (l) => l.length >= 1)

      const second = await checkout("SAM@Example.com", trialLine())
      expect(second.status).toBe(400)
      expect(second.body).toMatchObject({ code: "trial_already_used", type: "not_allowed" })
      const twice = await checkout("other@example.com", trialLine(2))
      expect(twice.status).toBe(400)
      expect(twice.body.code).toBe("trial_already_used")

      const { rows } = await dbConnection.raw(`SELECT count(*)::int AS n FROM "order" WHERE lower(trim(email)) IN ('sam@example.com', 'other@example.com')`)
      expect(rows[0].n).toBe(1)
      expect(await licenses.listLicenses({ trial_email: "sam@example.com" })).toHaveLength(1)
      // A paid variant of the product is not a trial: the same e-mail buys it.
      expect((await checkout("sam@example.com", [{ variant_id: store.variants["5 sites"], quantity: 1 }])).status).toBe(200)
    })

    it("buying a paid variant while holding an active trial converts the trial key (same key, activations kept); a refund of that order rolls it back", async () => {
      const converted: unknown[] = []
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      eventBus.subscribe("license.trial_converted", async (event: any) => {
        converted.push(event.data)
      })
      const trialOrder = (await checkout("conv@example.com", trialLine())).order!
      const [trial] = await waitFor(() => licensesOfOrder(licenses, trialOrder.id), (l) => l.length >= 1)
      const key = licenses.revealKey(trial)
      expect((await client.post("/licenses/verify", { license_key: key, domain: "conv-a.example" })).data.code).toBe("valid")
      const trialState = await licenses.retrieveLicense(trial.id)

      const paid = await checkout("Conv@Example.com", [{ variant_id: store.variants["5 sites"], quantity: 1 }])
      expect(paid.status).toBe(200)
      const paidOrder = paid.order!
      const [paidKey] = await waitFor(() => licensesOfOrder(licenses, paidOrder.id), (l) => l.length >= 1)
      // No new key: the trial key itself now belongs to the paid order.
      expect(paidKey.id).toBe(trial.id)
      expect(await licenses.listLicenses({ customer_email: ["conv@example.com", "Conv@Example.com"] })).toHaveLength(1)
      expect(paidKey).toMatchObject({
        order_id: paidOrder.id,
        variant_id: store.variants["5 sites"],
        variant_title: "5 sites",
        max_activations: 5,
        activations_used: 1,
        trial_conversion_order_id: paidOrder.id,
        expiry_basis: "from_issuance",
        activation_term_days: null,
      })
      expect(paidKey.trial_converted_at).not.toBeNull()
      const expiresIn = new Date(paidKey.expires_at!).getTime() - Date.now()
      expect(expiresIn).toBeGreaterThan(364 * DAY)
      const after = await client.post("/licenses/verify", { license_key: key, domain: "conv-a.example" })
      expect(after.data).toMatchObject({ code: "valid", license: { variant_title: "5 sites", max_activations: 5, activations_used: 1 } })
      expect((await client.post("/licenses/verify", { license_key: key, domain: "conv-b.example" })).data.code).toBe("valid")
      await waitFor(async () => converted, (c) => c.length >= 1)
      expect(converted.flat()).toEqual([{ id: trial.id, order_id: paidOrder.id, variant_id: store.variants["5 sites"] }])
      const history = await licenses.listLicenseEvents({ license_id: trial.id, type: "trial_converted" })
      expect(history).toHaveLength(1)

      // The same order.placed again converts nothing twice and issues nothing.
      await eventBus.emit({ name: "order.placed", data: { id: paidOrder.id } })
      await new Promise((r) => setTimeout(r, 800))
      expect(await licenses.listLicenseEvents({ license_id: trial.id, type: "trial_converted" })).toHaveLength(1)
      expect(await licensesOfOrder(licenses, paidOrder.id)).toHaveLength(1)

      // Refund of the converting order: back to the trial (its order, variant, cap and expiry), not revoked.
      const auth = await adminHeaders(api, store)
      const payment = await paymentOf(getContainer(), paidOrder.id)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: payment.amount }, auth)
      const rolledBack = await waitFor(
        () => licenses.retrieveLicense(trial.id),
        (l) => l.trial_conversion_order_id === null
      )
      expect(rolledBack).toMatchObject({
        status: "active",
        order_id: trialOrder.id,
        variant_id: store.variants["Single site"],
        max_activations: 1,
        activations_used: 2,
        trial_converted_at: null,
        trial_email: "conv@example.com",
      })
      expect(new Date(rolledBack.expires_at!).getTime()).toBe(new Date(trialState.expires_at!).getTime())
      expect(await licenses.listLicenseEvents({ license_id: trial.id, type: "trial_conversion_rolled_back" })).toHaveLength(1)
      expect(await licenses.listLicenseEvents({ license_id: trial.id, type: "revoked" })).toHaveLength(0)
      // Both slots stay held over the trial's cap of 1: the key keeps working where it runs, no new site.
      expect((await client.post("/licenses/verify", { license_key: key, domain: "conv-a.example" })).data.code).toBe("valid")
      expect((await client.post("/licenses/verify", { license_key: key, domain: "conv-c.example" })).data.code).toBe("max_activations_exceeded")
    })

    it("issuance past the checkout never issues a second trial: concurrent calls for one e-mail give one key, and the index refuses a forced one", async () => {
      const unit = (i: number) => ({
        line_item_id: `item_bypass_${i}`,
        customer_email: i % 2 ? "Bypass@Example.com" : "bypass@example.com",
        product_id: store.product_id,
        variant_id: store.variants["Single site"],
        max_activations: 1,
        term_days: 14,
        trial: true,
      })
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => licenses.issueLicenses([unit(i)], { type: "system" }))
      )
      expect(results.flatMap((r) => r.created)).toHaveLength(1)
      expect(await licenses.listLicenses({ trial_email: "bypass@example.com" })).toHaveLength(1)
      // One call with two trial units of the same e-mail: one key.
      const both = await licenses.issueLicenses([{ ...unit(10), customer_email: "pair@example.com" }, { ...unit(11), customer_email: "pair@example.com" }], {
        type: "system",
      })
      expect(both.created).toHaveLength(1)

      await expect(
        dbConnection.raw(
          `INSERT INTO license (id, key_hash, key_encrypted, key_hint, product_id, trial_email)
           VALUES ('lic_forced', 'h-forced', 'e', 'HINT0', ?, 'bypass@example.com')`,
          [store.product_id]
        )
      ).rejects.toThrow(/IDX_license_trial_email_product_unique/)
    })
  },
})
