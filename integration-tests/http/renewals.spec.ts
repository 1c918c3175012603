import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import reconcileLicenseRenewals from "../../src/jobs/reconcile-license-renewals"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import type LicenseModuleService from "../../src/modules/license/service"
import { renewOrderLicensesWorkflow } from "../../src/workflows/renew-order-licenses"
import { activate, buyLicenses, type Customer, customerAccount } from "../helpers/customer-licenses"
import { heldActivations } from "../helpers/licenses"
import { completeCart, newCart, renewInto, setRenewalPolicy } from "../helpers/renewals"
import { disputeObject, linkStripePaymentIntent, refundedChargeObject, stripeEvent } from "../helpers/stripe"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { settle, waitFor } from "../helpers/wait"
import { fulfill, paymentOf, returnAndReceive } from "../helpers/order-actions"

jest.setTimeout(240 * 1000)

// Read by medusa-config.ts when the runner boots the app: the Stripe webhook route accepts events signed with it.
const STRIPE_SECRET = "whsec_license_keys_renewals_test_secret"
process.env.STRIPE_LICENSE_WEBHOOK_SECRET = STRIPE_SECRET

const DAY = 24 * 60 * 60 * 1000
const KEY_PATTERN = /CP-[2-9A-HJKMNP-Z]{5}-/

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    /** Alice owns one Single site key; Single site renews at 20% off (49 -> 39.20) for its 365-day term. */
    async function aliceWithRenewableKey(renewal: Record<string, unknown> = {}) {
      const res = await setRenewalPolicy(api, store, "Single site", { renewable: true, renewal_discount_percent: 20, ...renewal })
      expect(res.status).toBe(200)
      const alice = await customerAccount(api, store, `alice-${Math.random().toString(36).slice(2)}@example.com`)
      const { order, licenses: [license] } = await buyLicenses(api, getContainer(), store, alice, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      return { alice, license, order, key: licenses().revealKey(license) }
    }

    async function renewalsOf(licenseId: string) {
      return await licenses().listLicenseRenewals({ license_id: licenseId }, { take: null, order: { created_at: "ASC" } })
    }

    /** Renews a license through a whole checkout as its owner; waits for the extension. */
    async function renewAndPay(customer: Customer, licenseId: string) {
      const cartId = await newCart(api, store, customer)
      const added = await renewInto(api, store, cartId, { customer, licenseId })
      expect(added.status).toBe(201)
      const order = await completeCart(api, store, cartId, customer)
      await waitFor(() => licenses().listLicenseRenewals({ order_id: order.id }), (r) => r.length === 1)
      return order
    }

    describe("policy renewal fields", () => {
      it("saves renewal price, term, basis and reminders, answers them, and keeps them when the other widget saves", async () => {
        const auth = await adminHeaders(api, store)
        const saved = await setRenewalPolicy(api, store, "5 sites", {
          renewable: true,
          renewal_price_type: "fixed",
          renewal_fixed_price: 79.5,
          renewal_term_days: 180,
          renewal_basis: "from_now_if_expired",
          reminder_offsets_days: [-14, 3],
        })
        expect(saved.status).toBe(200)
        // The policy widget posts only its own fields: the renewal fields stay.
        await api.post(
          `/admin/products/${store.product_id}/license-policies`,
          { policies: [{ variant_id: store.variants["5 sites"], licensed: true, max_activations: 6, term_days: 365 }] },
          auth
        )
        const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
        const five = data.license_policies.find((p: any) => p.variant_title === "5 sites")
        expect(five).toMatchObject({
          max_activations: 6,
          renewable: true,
          renewal_price_type: "fixed",
          renewal_fixed_price: 79.5,
          renewal_term_days: 180,
          renewal_basis: "from_now_if_expired",
          reminder_offsets_days: [-14, 3],
        })
        const single = data.license_policies.find((p: any) => p.variant_title === "Single site")
        expect(single).toMatchObject({ renewable: false, renewal_price_type: "percent_off", renewal_discount_percent: 0, renewal_term_days: null, renewal_basis: "from_expiry", reminder_offsets_days: null })
      })

      it("refuses with 400 invalid_data, saving nothing: a renewable lifetime variant without a renewal term, fixed without a price, a bad percentage", async () => {
        const lifetime = await setRenewalPolicy(api, store, "Unlimited sites", { renewable: true })
        expect(lifetime.status).toBe(400)
        expect(lifetime.data.type).toBe("invalid_data")
        expect(lifetime.data.message).toMatch(/needs a term/)
        const fixed = await setRenewalPolicy(api, store, "Single site", { renewable: true, renewal_price_type: "fixed", renewal_fixed_price: null })
        expect(fixed.status).toBe(400)
        expect(fixed.data.message).toMatch(/renewal_fixed_price is required/)
        for (const bad of [{ renewal_discount_percent: 101 }, { renewal_basis: "whenever" }, { reminder_offsets_days: [1000] }, { renewal_term_days: 0 }]) {
          const res = await setRenewalPolicy(api, store, "Single site", bad)
          expect(res.status).toBe(400)
          expect(res.data.type).toBe("invalid_data")
        }
        const [policy] = await licenses().listLicensePolicies({ variant_id: store.variants["Unlimited sites"] })
        expect(policy.renewable).toBe(false)
        // With a renewal term, a lifetime variant may be renewable (its keys get that term).
        expect((await setRenewalPolicy(api, store, "Unlimited sites", { renewable: true, renewal_term_days: 365 })).status).toBe(200)
      })
    })

    describe("adding a renewal to a cart", () => {
      it("puts the license's variant at the renewal price in the cart, naming the license and the new expiry, never the key", async () => {
        const { alice, license } = await aliceWithRenewableKey()
        const cartId = await newCart(api, store, alice)
        const res = await renewInto(api, store, cartId, { customer: alice, licenseId: license.id })
        expect(res.status).toBe(201)
        const newExpiry = new Date(new Date(license.expires_at!).getTime() + 365 * DAY).toISOString()
        expect(res.data.renewal).toEqual({
          license_id: license.id,
          variant_id: store.variants["Single site"],
          unit_price: 39.2,
          expires_at: new Date(license.expires_at!).toISOString(),
          new_expires_at: newExpiry,
        })
        const { data } = await api.get(`/store/carts/${cartId}`, { headers: { "x-publishable-api-key": store.publishable_key } })
        expect(data.cart.items).toHaveLength(1)
        const [line] = data.cart.items
        expect(line).toMatchObject({ product_title: "Pro Plugin", variant_title: "Single site", unit_price: 39.2, quantity: 1 })
        expect(line.metadata).toEqual({
          license_id: license.id,
          license_action: "renew",
          license_expires_at: new Date(license.expires_at!).toISOString(),
          license_new_expires_at: newExpiry,
        })
        expect(JSON.stringify(data.cart)).not.toMatch(KEY_PATTERN)
        const { data: items } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "cart", fields: ["items.is_custom_price"], filters: { id: cartId } })
        expect(items[0].items!.map((i: any) => i.is_custom_price)).toEqual([true])
      })

      it("lets a guest renew by key at the fixed renewal price", async () => {
        const { key, license } = await aliceWithRenewableKey({ renewal_price_type: "fixed", renewal_fixed_price: 25 })
        const cartId = await newCart(api, store)
        const res = await renewInto(api, store, cartId, { key })
        expect(res.status).toBe(201)
        expect(res.data.renewal).toMatchObject({ license_id: license.id, unit_price: 25 })
      })

      it("refuses with typed codes: second renewal in the cart, revoked key, not renewable, unknown key or cart, completed cart", async () => {
        const { alice, license, key } = await aliceWithRenewableKey()
        const cartId = await newCart(api, store, alice)
        expect((await renewInto(api, store, cartId, { customer: alice, licenseId: license.id })).status).toBe(201)
        const expectRefusal = (res: { status: number; data: any }, status: number, code: string) => {
          expect({ status: res.status, code: res.data.code }).toEqual({ status, code })
        }
        expectRefusal(await renewInto(api, store, cartId, { key }), 409, "renewal_already_in_cart")
        expectRefusal(await renewInto(api, store, cartId, { customer: alice, licenseId: license.id }), 409, "renewal_already_in_cart")
        expectRefusal(await renewInto(api, store, "cart_nope", { key }), 404, "cart_not_found")
        expectRefusal(await renewInto(api, store, cartId, { key: "CP-22222-22222-22222-22222-22222-22222" }), 404, "license_not_found")
        expectRefusal(await renewInto(api, store, cartId, { key: "not a key" }), 400, "malformed_license_key")
        expectRefusal(await renewInto(api, store, cartId, { customer: alice, licenseId: "lic_not_hers" }), 404, "license_not_found")

        // Another customer's license by id is not found (by key anyone may renew it).
        const bob = await customerAccount(api, store, "bob-renew@example.com")
        expectRefusal(await renewInto(api, store, await newCart(api, store, bob), { customer: bob, licenseId: license.id }), 404, "license_not_found")

        // 5 sites is not renewable; Unlimited sites is a lifetime key.
        const { licenses: [five, unlimited] } = await buyLicenses(api, getContainer(), store, alice, [
          { variant_id: store.variants["5 sites"], quantity: 1 },
          { variant_id: store.variants["Unlimited sites"], quantity: 1 },
        ]).then((r) => ({ licenses: [r.licenses.find((l) => l.variant_title === "5 sites")!, r.licenses.find((l) => l.variant_title === "Unlimited sites")!] }))
        const other = await newCart(api, store, alice)
        expectRefusal(await renewInto(api, store, other, { customer: alice, licenseId: five.id }), 409, "license_not_renewable")
        expectRefusal(await renewInto(api, store, other, { customer: alice, licenseId: unlimited.id }), 409, "license_not_renewable")

        // The first cart completes: it takes no more renewals.
        await completeCart(api, store, cartId, alice)
        expectRefusal(await renewInto(api, store, cartId, { customer: alice, licenseId: license.id }), 409, "cart_completed")

        await licenses().revokeLicenses({ license_ids: [license.id] }, { reason: "admin", actor: { type: "system" } })
        expectRefusal(await renewInto(api, store, other, { customer: alice, licenseId: license.id }), 409, "license_revoked")
        const { data } = await api.get(`/store/carts/${other}`, { headers: { "x-publishable-api-key": store.publishable_key } })
        expect(data.cart.items).toHaveLength(0)
      })
    })

    describe("order.placed extends the same key", () => {
      it("extends by the term from the current expiry, keeps id and activations, issues no key; duplicate runs change nothing", async () => {
        const { alice, license, key } = await aliceWithRenewableKey()
        expect(await activate(api, key, "alice.example")).toBe("valid")
        const order = await renewAndPay(alice, license.id)
        const renewed = await licenses().retrieveLicense(license.id)
        const expected = new Date(new Date(license.expires_at!).getTime() + 365 * DAY)
        expect(new Date(renewed.expires_at!)).toEqual(expected)
        expect(renewed.key_hash).toBe(license.key_hash)
        expect(renewed.activations_used).toBe(1)
        expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["alice.example"])
        expect(await licenses().listLicenses({ order_id: order.id })).toHaveLength(0)
        expect(await licenses().listLicenses({ customer_id: alice.id })).toHaveLength(1)

        // The same event again, the workflow by hand, the reconciliation job: one extension.
        const bus = getContainer().resolve("event_bus")
        await bus.emit({ name: "order.placed", data: { id: order.id } })
        await renewOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect(await reconcileLicenseRenewals(getContainer(), new Date(Date.now() + 5 * 60 * 1000))).toEqual([])
        await Promise.all([1, 2, 3].map(() => renewOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })))
        expect(await renewalsOf(license.id)).toHaveLength(1)
        expect(new Date((await licenses().retrieveLicense(license.id)).expires_at!)).toEqual(expected)
        expect(await licenses().listLicenses({ order_id: order.id })).toHaveLength(0)
      })

      it("queues license.renewed for a webhook endpoint that wants it, with the extension and without the key", async () => {
        const auth = await adminHeaders(api, store)
        const created = await api.post(
          "/admin/license-webhooks",
          { url: "https://93.184.216.34/renewals", events: ["license.renewed"], enabled: true },
          auth
        )
        expect(created.status).toBe(201)
        const { alice, license, key } = await aliceWithRenewableKey()
        const order = await renewAndPay(alice, license.id)
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const deliveries = await waitFor(
          async () => (await knex.raw(`SELECT type, license_id, payload FROM license_webhook_delivery WHERE type = 'license.renewed'`)).rows as { license_id: string; payload: any }[],
          (rows) => rows.length === 1
        )
        expect(deliveries[0].license_id).toBe(license.id)
        expect(deliveries[0].payload.data).toMatchObject({
          order_id: order.id,
          previous_expires_at: new Date(license.expires_at!).toISOString(),
          expires_at: new Date(new Date(license.expires_at!).getTime() + 365 * DAY).toISOString(),
        })
        expect(JSON.stringify(deliveries)).not.toContain(key)
      })

      it("two renewal orders of one key, even placed at once, are two extensions, one after the other", async () => {
        const { alice, license } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const carts = [await newCart(api, store, alice), await newCart(api, store, alice)]
        for (const cartId of carts) {
          expect((await renewInto(api, store, cartId, { customer: alice, licenseId: license.id })).status).toBe(201)
        }
        await Promise.all(carts.map((cartId) => completeCart(api, store, cartId, alice)))
        const renewals = await waitFor(() => renewalsOf(license.id), (r) => r.length === 2)
        const e0 = new Date(license.expires_at!).getTime()
        const [first, second] = [...renewals].sort((a, b) => new Date(a.new_expires_at).getTime() - new Date(b.new_expires_at).getTime())
        expect(new Date(first.previous_expires_at).getTime()).toBe(e0)
        expect(new Date(first.new_expires_at).getTime()).toBe(e0 + 30 * DAY)
        expect(new Date(second.previous_expires_at).getTime()).toBe(e0 + 30 * DAY)
        expect(new Date(second.new_expires_at).getTime()).toBe(e0 + 60 * DAY)
        expect(new Date((await licenses().retrieveLicense(license.id)).expires_at!).getTime()).toBe(e0 + 60 * DAY)
      })

      it.each([
        ["from_expiry", "before expiry", 10, (e0: number, _placed: number) => e0 + 30 * DAY],
        ["from_now_if_expired", "before expiry", 10, (e0: number, _placed: number) => e0 + 30 * DAY],
        ["from_expiry", "after expiry", -40, (e0: number, _placed: number) => e0 + 30 * DAY],
        ["from_now_if_expired", "after expiry", -40, (_e0: number, placed: number) => placed + 30 * DAY],
      ])("basis %s, renewed %s", async (basis, _when, daysLeft, expectedExpiry) => {
        const { alice, license } = await aliceWithRenewableKey({ renewal_term_days: 30, renewal_basis: basis })
        const e0 = new Date(Math.floor(Date.now() / 1000) * 1000 + (daysLeft as number) * DAY)
        await licenses().updateLicenses({ id: license.id, expires_at: e0 })
        const order = await renewAndPay(alice, license.id)
        const { data } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "order", fields: ["id", "created_at"], filters: { id: order.id } })
        const placed = new Date(data[0].created_at as string).getTime()
        const after = new Date((await licenses().retrieveLicense(license.id)).expires_at!).getTime()
        expect(after).toBe((expectedExpiry as (e0: number, placed: number) => number)(e0.getTime(), placed))
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")
      })
    })
    describe("refund, cancellation and return of a renewal order", () => {
      const expiryOf = async (id: string) => new Date((await licenses().retrieveLicense(id)).expires_at!).getTime()

      it("a refund takes back exactly that extension and keeps a later one; the key stays active; a second refund event changes nothing", async () => {
        const { alice, license } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const e0 = new Date(license.expires_at!).getTime()
        const first = await renewAndPay(alice, license.id)
        const auth = await adminHeaders(api, store)
        await setRenewalPolicy(api, store, "Single site", { renewal_term_days: 10 })
        await renewAndPay(alice, license.id)
        expect(await expiryOf(license.id)).toBe(e0 + 40 * DAY)

        const payment = await paymentOf(getContainer(), first.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
        const [rolledBack] = await waitFor(
          () => licenses().listLicenseRenewals({ order_id: first.id }),
          (r) => !!r[0]?.rolled_back_at
        )
        expect(rolledBack.rolled_back_reason).toBe("refund")
        // The 30 days of the refunded order come off; the 10 days bought after it stay.
        expect(await expiryOf(license.id)).toBe(e0 + 10 * DAY)
        expect(new Date(rolledBack.rolled_back_expires_at!).getTime()).toBe(e0 + 10 * DAY)
        const after = await licenses().retrieveLicense(license.id)
        expect(after.status).toBe("active")
        const [later] = (await renewalsOf(license.id)).filter((r) => r.order_id !== first.id)
        expect(later.rolled_back_at).toBeNull()

        await getContainer().resolve("event_bus").emit({ name: "payment.refunded", data: { id: payment.id } })
        await settle(1000)
        expect(await expiryOf(license.id)).toBe(e0 + 10 * DAY)

        // The admin's license detail lists both renewals with their orders, the refunded one rolled back.
        const { data: history } = await api.get(`/admin/licenses/${license.id}/renewals`, auth)
        expect(history.renewals.map((r: any) => [r.order_id, r.order_display_id, r.term_days, r.rolled_back_reason])).toEqual([
          [first.id, first.display_id, 30, "refund"],
          [later.order_id, expect.any(Number), 10, null],
        ])
        expect(new Date(history.renewals[0].previous_expires_at).getTime()).toBe(e0)
        expect(new Date(history.renewals[0].new_expires_at).getTime()).toBe(e0 + 30 * DAY)
        expect((await api.get(`/admin/licenses/lic_nope/renewals`, { ...auth, validateStatus: () => true })).status).toBe(404)
      })

      it("a Stripe dashboard refund of the renewal order (charge.refunded) takes its extension back, once", async () => {
        const { alice, license } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const e0 = new Date(license.expires_at!).getTime()
        const renewal = await renewAndPay(alice, license.id)
        const paymentIntentId = await linkStripePaymentIntent(getContainer(), renewal.id)
        const refunded = stripeEvent(api, STRIPE_SECRET, "charge.refunded", refundedChargeObject(paymentIntentId, 3920))
        expect((await refunded.deliver()).status).toBe(200)
        expect(await expiryOf(license.id)).toBe(e0)
        expect((await licenses().listLicenseRenewals({ order_id: renewal.id }))[0].rolled_back_reason).toBe("refund")
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")
        expect((await refunded.deliver()).status).toBe(200)
        expect(await expiryOf(license.id)).toBe(e0)
      })

      it("a Stripe dispute of the renewal order suspends the renewed key (billing), once; the dispute won reinstates it", async () => {
        const { alice, license, key } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const renewal = await renewAndPay(alice, license.id)
        const renewedUntil = await expiryOf(license.id)
        const paymentIntentId = await linkStripePaymentIntent(getContainer(), renewal.id)
        const dispute = (type: string, status: string) =>
          stripeEvent(api, STRIPE_SECRET, type, disputeObject(`dp_${renewal.id}`, paymentIntentId, status, 3920)).deliver()
        const opened = await dispute("charge.dispute.created", "needs_response")
        expect({ status: opened.status, changed: opened.data.changed }).toEqual({ status: 200, changed: 1 })
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ status: "suspended", suspension: "billing" })
        const answer = (await api.post("/licenses/verify", { license_key: key, domain: "disputed-renewal.example" }, { validateStatus: () => true })).data
        expect(answer).toMatchObject({ valid: false, code: "suspended", suspension: "billing" })
        // The same dispute heard again (another event id): nothing more.
        expect((await dispute("charge.dispute.created", "needs_response")).data.changed).toBe(0)
        expect(await licenses().listLicenseEvents({ license_id: license.id, type: "suspended" })).toHaveLength(1)

        const won = await dispute("charge.dispute.closed", "won")
        expect({ status: won.status, changed: won.data.changed }).toEqual({ status: 200, changed: 1 })
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")
        // The extension stays: the store kept the money.
        expect(await expiryOf(license.id)).toBe(renewedUntil)
      })

      it("a cancellation of the renewal order takes its extension back; a refund of the original purchase revokes the key", async () => {
        const { alice, license, order: purchase } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const e0 = new Date(license.expires_at!).getTime()
        const renewal = await renewAndPay(alice, license.id)
        expect(await expiryOf(license.id)).toBe(e0 + 30 * DAY)
        const auth = await adminHeaders(api, store)
        await api.post(`/admin/orders/${renewal.id}/cancel`, {}, auth)
        await waitFor(() => expiryOf(license.id), (e) => e === e0)
        const [row] = await licenses().listLicenseRenewals({ order_id: renewal.id })
        expect(row.rolled_back_reason).toBe("canceled")
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")

        const payment = await paymentOf(getContainer(), purchase.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
        await waitFor(() => licenses().retrieveLicense(license.id), (l) => l.status === "revoked")
      })

      it("a received return of the renewal line takes its extension back", async () => {
        const { alice, license } = await aliceWithRenewableKey({ renewal_term_days: 30 })
        const e0 = new Date(license.expires_at!).getTime()
        const renewal = await renewAndPay(alice, license.id)
        const [row] = await licenses().listLicenseRenewals({ order_id: renewal.id })
        const auth = await adminHeaders(api, store)
        await fulfill(api, getContainer(), renewal.id, row.line_item_id, 1, auth)
        await returnAndReceive(api, getContainer(), renewal.id, row.line_item_id, 1, auth)
        await waitFor(() => expiryOf(license.id), (e) => e === e0)
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")
        expect((await licenses().listLicenseRenewals({ order_id: renewal.id }))[0].rolled_back_reason).toBe("return")
      })
    })

    // Last in the file: the failure budget is the process's (memory limiter) and outlives the database snapshot.
    describe("rate limit", () => {
      it("counts unknown keys against the caller's failure budget: 429 rate_limited with Retry-After", async () => {
        const cartId = await newCart(api, store)
        const answers: { status: number; data: any; headers: any }[] = []
        for (let i = 0; i < 25 && answers.at(-1)?.status !== 429; i++) {
          answers.push(await renewInto(api, store, cartId, { key: formatLicenseKey(generateKeyBody(), "CP") }))
        }
        const limited = answers.at(-1)!
        expect(answers.length).toBeGreaterThan(1)
        expect(new Set(answers.slice(0, -1).map((a) => `${a.status} ${a.data.code}`))).toEqual(new Set(["404 license_not_found"]))
        expect(limited.status).toBe(429)
        expect(limited.data.code).toBe("rate_limited")
        expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
      })
    })
  },
})
