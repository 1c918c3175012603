import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import reconcileLicenseRenewals from "../../src/jobs/reconcile-license-renewals"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import type LicenseModuleService from "../../src/modules/license/service"
import { upgradeOrderLicensesWorkflow } from "../../src/workflows/upgrade-order-licenses"
import { activate, buyLicenses, type Customer, customerAccount } from "../helpers/customer-licenses"
import { heldActivations } from "../helpers/licenses"
import { fulfill, paymentOf, returnAndReceive } from "../helpers/order-actions"
import { completeCart, newCart, renewInto, setRenewalPolicy, upgradeInto } from "../helpers/renewals"
import { disputeObject, linkStripePaymentIntent, refundedChargeObject, stripeEvent } from "../helpers/stripe"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { settle, waitFor } from "../helpers/wait"

jest.setTimeout(240 * 1000)

// Read by medusa-config.ts when the runner boots the app: the Stripe webhook route accepts events signed with it.
const STRIPE_SECRET = "whsec_license_keys_upgrades_test_secret"
process.env.STRIPE_LICENSE_WEBHOOK_SECRET = STRIPE_SECRET

const DAY = 24 * 60 * 60 * 1000
const KEY_PATTERN = /CP-[2-9A-HJKMNP-Z]{5}-/

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")
    const variant = (title: string) => store.variants[title]
    const expectRefusal = (res: { status: number; data: any }, status: number, code: string) => {
      expect({ status: res.status, code: res.data.code }).toEqual({ status, code })
    }

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    /**
     * Single site (49 USD, 1 activation, 365 days) upgrades to 5 sites (149) and Unlimited sites (299, lifetime).
     * Alice owns one Single site key with `daysLeft` days left (exactly, to the second: the proration is exact).
     */
    async function aliceWithSingleSite(daysLeft: number | null = 182.5) {
      const res = await setRenewalPolicy(api, store, "Single site", { upgrade_paths: [variant("5 sites"), variant("Unlimited sites")] })
      expect(res.status).toBe(200)
      const alice = await customerAccount(api, store, `alice-${Math.random().toString(36).slice(2)}@example.com`)
      const { order, licenses: [license] } = await buyLicenses(api, getContainer(), store, alice, [{ variant_id: variant("Single site"), quantity: 1 }])
      const expiresAt = daysLeft === null ? null : new Date(Date.now() + daysLeft * DAY)
      await licenses().updateLicenses({ id: license.id, expires_at: expiresAt })
      return { alice, order, license: { ...license, expires_at: expiresAt }, key: licenses().revealKey(license) }
    }

    /** Upgrades a license through a whole checkout as its owner; waits for the upgrade. */
    async function upgradeAndPay(customer: Customer, licenseId: string, variantTitle: string) {
      const cartId = await newCart(api, store, customer)
      const added = await upgradeInto(api, store, cartId, variant(variantTitle), { customer, licenseId })
      expect(added.status).toBe(201)
      const order = await completeCart(api, store, cartId, customer)
      await waitFor(() => licenses().listLicenseUpgrades({ order_id: order.id }), (r) => r.length === 1)
      return order
    }

    async function historyOf(licenseId: string, types: string[]) {
      const events = await licenses().listLicenseEvents({ license_id: licenseId, type: types }, { take: null, order: { created_at: "ASC" } })
      return events.map((e) => ({ type: e.type, actor_type: e.actor_type, data: e.data as Record<string, any> }))
    }

    /** Alice's Single site key upgraded to 5 sites, holding `domains` activations (the first before the upgrade). */
    async function upgradedWithActivations(domains: number) {
      const bought = await aliceWithSingleSite(182.5)
      const prefix = Math.random().toString(36).slice(2, 8)
      expect(await activate(api, bought.key, `${prefix}-0.example`)).toBe("valid")
      const order = await upgradeAndPay(bought.alice, bought.license.id, "5 sites")
      for (let i = 1; i < domains; i++) {
        expect(await activate(api, bought.key, `${prefix}-${i}.example`)).toBe("valid")
      }
      return { ...bought, upgradeOrder: order, domain: (i: number) => `${prefix}-${i}.example` }
    }

    describe("policy upgrade paths", () => {
      it("saves the paths, answers them, and keeps them when the policy widget saves its own fields", async () => {
        const auth = await adminHeaders(api, store)
        const saved = await setRenewalPolicy(api, store, "5 sites", { upgrade_paths: [variant("Unlimited sites"), variant("Unlimited sites")] })
        expect(saved.status).toBe(200)
        await api.post(
          `/admin/products/${store.product_id}/license-policies`,
          { policies: [{ variant_id: variant("5 sites"), licensed: true, max_activations: 5, term_days: 365 }] },
          auth
        )
        const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
        const byTitle = (t: string) => data.license_policies.find((p: any) => p.variant_title === t)
        expect(byTitle("5 sites").upgrade_paths).toEqual([variant("Unlimited sites")])
        expect(byTitle("Unlimited sites").upgrade_paths).toEqual([])
      })

      it("refuses with 400 invalid_data, saving nothing: the variant itself, a variant of no policy of this product, an unlicensed variant", async () => {
        const before = (await licenses().listLicensePolicies({ variant_id: variant("Single site") }))[0].upgrade_paths
        const itself = await setRenewalPolicy(api, store, "Single site", { upgrade_paths: [variant("Single site")] })
        expect({ status: itself.status, type: itself.data.type }).toEqual({ status: 400, type: "invalid_data" })
        expect(itself.data.message).toMatch(/itself/)
        const foreign = await setRenewalPolicy(api, store, "Single site", { upgrade_paths: ["variant_of_another_product"] })
        expect({ status: foreign.status, type: foreign.data.type }).toEqual({ status: 400, type: "invalid_data" })
        expect(foreign.data.message).toMatch(/licensed variants of the same product/)
        // 5 sites unlicensed in the same save: the path to it is refused and the whole save undone.
        const auth = await adminHeaders(api, store)
        const unlicensed = await api.post(
          `/admin/products/${store.product_id}/license-policies`,
          {
            policies: [
              { variant_id: variant("5 sites"), licensed: false, max_activations: 5, term_days: 365 },
              { variant_id: variant("Single site"), licensed: true, max_activations: 1, term_days: 365, upgrade_paths: [variant("5 sites")] },
            ],
          },
          { ...auth, validateStatus: () => true }
        )
        expect({ status: unlicensed.status, type: unlicensed.data.type }).toEqual({ status: 400, type: "invalid_data" })
        expect((await licenses().listLicensePolicies({ variant_id: variant("5 sites") }))[0].licensed).toBe(true)
        expect((await licenses().listLicensePolicies({ variant_id: variant("Single site") }))[0].upgrade_paths).toEqual(before)
        const malformed = await setRenewalPolicy(api, store, "Single site", { upgrade_paths: "5 sites" })
        expect(malformed.status).toBe(400)
      })
    })

    describe("adding an upgrade to a cart", () => {
      it("puts the target variant in the cart at the price difference prorated by the time left, naming the license, never the key", async () => {
        const { alice, license } = await aliceWithSingleSite(182.5)
        const cartId = await newCart(api, store, alice)
        const res = await upgradeInto(api, store, cartId, variant("5 sites"), { customer: alice, licenseId: license.id })
        expect(res.status).toBe(201)
        // (149 - 49) x 182.5 / 365
        expect(res.data.upgrade).toEqual({ license_id: license.id, from_variant_id: variant("Single site"), variant_id: variant("5 sites"), unit_price: 50 })
        const { data } = await api.get(`/store/carts/${cartId}`, { headers: { "x-publishable-api-key": store.publishable_key } })
        expect(data.cart.items).toHaveLength(1)
        const [line] = data.cart.items
        expect(line).toMatchObject({ product_title: "Pro Plugin", variant_title: "5 sites", unit_price: 50, quantity: 1 })
        expect(line.metadata).toEqual({
          license_id: license.id,
          license_action: "upgrade",
          license_upgrade_from_variant_id: variant("Single site"),
          license_upgrade_to_variant_id: variant("5 sites"),
        })
        expect(JSON.stringify(data.cart)).not.toMatch(KEY_PATTERN)
        const { data: items } = await getContainer()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "cart", fields: ["items.is_custom_price"], filters: { id: cartId } })
        expect(items[0].items!.map((i: any) => i.is_custom_price)).toEqual([true])
      })

      it("prices by time left: one day left, a lifetime key (the full difference), a cheaper target (0)", async () => {
        const oneDay = await aliceWithSingleSite(1)
        const res = await upgradeInto(api, store, await newCart(api, store, oneDay.alice), variant("5 sites"), { customer: oneDay.alice, licenseId: oneDay.license.id })
        // 100 x 1 / 365 = 0.2739...
        expect(res.data.upgrade.unit_price).toBe(0.27)

        const lifetime = await aliceWithSingleSite(null)
        const full = await upgradeInto(api, store, await newCart(api, store, lifetime.alice), variant("Unlimited sites"), { customer: lifetime.alice, licenseId: lifetime.license.id })
        expect(full.data.upgrade.unit_price).toBe(250)

        await setRenewalPolicy(api, store, "5 sites", { upgrade_paths: [variant("Single site")] })
        const { licenses: [five] } = await buyLicenses(api, getContainer(), store, oneDay.alice, [{ variant_id: variant("5 sites"), quantity: 1 }])
        const down = await upgradeInto(api, store, await newCart(api, store, oneDay.alice), variant("Single site"), { customer: oneDay.alice, licenseId: five.id })
        expect(down.status).toBe(201)
        expect(down.data.upgrade.unit_price).toBe(0)
      })

      it("lets a guest upgrade by key; the customer's offer lists each target with its price", async () => {
        const { alice, license, key } = await aliceWithSingleSite(182.5)
        const res = await upgradeInto(api, store, await newCart(api, store), variant("Unlimited sites"), { key })
        expect(res.status).toBe(201)
        // (299 - 49) x 182.5 / 365
        expect(res.data.upgrade).toMatchObject({ license_id: license.id, variant_id: variant("Unlimited sites"), unit_price: 125 })

        const headers = { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${alice.token}` }
        const offer = await api.get(`/store/customers/me/licenses/${license.id}/upgrade?region_id=${store.region_id}`, { headers })
        expect(offer.data.upgrades).toEqual([
          { variant_id: variant("5 sites"), variant_title: "5 sites", unit_price: 50, currency_code: "usd" },
          { variant_id: variant("Unlimited sites"), variant_title: "Unlimited sites", unit_price: 125, currency_code: "usd" },
        ])
        await licenses().updateLicenses({ id: license.id, expires_at: new Date(Date.now() - DAY) })
        const none = await api.get(`/store/customers/me/licenses/${license.id}/upgrade?region_id=${store.region_id}`, { headers })
        expect(none.data).toMatchObject({ upgrades: [], code: "license_expired" })
        const missing = await api.get(`/store/customers/me/licenses/lic_nope/upgrade?region_id=${store.region_id}`, { headers, validateStatus: () => true })
        expect(missing.status).toBe(404)
      })

      it("refuses with typed codes and adds nothing", async () => {
        const { alice, license, key } = await aliceWithSingleSite(182.5)
        const own = { customer: alice, licenseId: license.id }
        const cartId = await newCart(api, store, alice)
        expect((await upgradeInto(api, store, cartId, variant("5 sites"), own)).status).toBe(201)
        // A second upgrade (to any target, by id or key) or a renewal of the same key in the same cart.
        expectRefusal(await upgradeInto(api, store, cartId, variant("Unlimited sites"), own), 409, "upgrade_already_in_cart")
        expectRefusal(await upgradeInto(api, store, cartId, variant("5 sites"), { key }), 409, "upgrade_already_in_cart")
        await setRenewalPolicy(api, store, "Single site", { renewable: true })
        expectRefusal(await renewInto(api, store, cartId, own), 409, "renewal_already_in_cart")
        const renewing = await newCart(api, store, alice)
        expect((await renewInto(api, store, renewing, own)).status).toBe(201)
        expectRefusal(await upgradeInto(api, store, renewing, variant("5 sites"), own), 409, "upgrade_already_in_cart")

        const other = await newCart(api, store, alice)
        // Not on the path: the variant itself, a variant of no policy; a path from a variant that has none.
        expectRefusal(await upgradeInto(api, store, other, variant("Single site"), own), 409, "upgrade_not_available")
        expectRefusal(await upgradeInto(api, store, other, "variant_nope", own), 409, "upgrade_not_available")
        const { licenses: [unlimited] } = await buyLicenses(api, getContainer(), store, alice, [{ variant_id: variant("Unlimited sites"), quantity: 1 }])
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), { customer: alice, licenseId: unlimited.id }), 409, "upgrade_not_available")

        // Unknown carts, keys and licenses; another customer's license by id; a body without a variant.
        expectRefusal(await upgradeInto(api, store, "cart_nope", variant("5 sites"), own), 404, "cart_not_found")
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), { key: "CP-22222-22222-22222-22222-22222-22222" }), 404, "license_not_found")
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), { key: "not a key" }), 400, "malformed_license_key")
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), { customer: alice, licenseId: "lic_nope" }), 404, "license_not_found")
        const bob = await customerAccount(api, store, `bob-${Math.random().toString(36).slice(2)}@example.com`)
        expectRefusal(await upgradeInto(api, store, await newCart(api, store, bob), variant("5 sites"), { customer: bob, licenseId: license.id }), 404, "license_not_found")
        const noVariant = await api.post("/store/license-upgrades", { cart_id: other, license_key: key }, { headers: { "x-publishable-api-key": store.publishable_key }, validateStatus: () => true })
        expect(noVariant.status).toBe(400)

        // Expired (in grace too), suspended, revoked keys.
        await licenses().updateLicenses({ id: license.id, expires_at: new Date(Date.now() - 1000), grace_days: 30 })
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), own), 409, "license_expired")
        await licenses().updateLicenses({ id: license.id, expires_at: new Date(Date.now() + 100 * DAY), status: "suspended" })
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), own), 409, "license_suspended")
        await licenses().revokeLicenses({ license_ids: [license.id] }, { reason: "admin", actor: { type: "system" } })
        expectRefusal(await upgradeInto(api, store, other, variant("5 sites"), { key }), 409, "license_revoked")
        const { data } = await api.get(`/store/carts/${other}`, { headers: { "x-publishable-api-key": store.publishable_key } })
        expect(data.cart.items).toHaveLength(0)

        // An upgrade line's quantity raised to 2: the cart does not complete.
        const twice = await aliceWithSingleSite(100)
        const twiceCart = await newCart(api, store, twice.alice)
        const line = await upgradeInto(api, store, twiceCart, variant("5 sites"), { customer: twice.alice, licenseId: twice.license.id })
        const shopperHeaders = { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${twice.alice.token}` }
        const { data: inCart } = await api.get(`/store/carts/${twiceCart}`, { headers: shopperHeaders })
        await api.post(`/store/carts/${twiceCart}/line-items/${inCart.cart.items[0].id}`, { quantity: 2 }, { headers: shopperHeaders })
        expect(line.status).toBe(201)
        const { data: pc } = await api.post("/store/payment-collections", { cart_id: twiceCart }, { headers: shopperHeaders })
        await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers: shopperHeaders })
        const refused = await api.post(`/store/carts/${twiceCart}/complete`, {}, { headers: shopperHeaders, validateStatus: () => true })
        expect(refused.data.type).not.toBe("order")
        expect(JSON.stringify(refused.data)).toMatch(/upgrade line's quantity/)
        expect(await licenses().listLicenseUpgrades({ license_id: twice.license.id })).toHaveLength(0)

        // A completed cart takes no upgrade.
        const paid = await aliceWithSingleSite(100)
        const done = await newCart(api, store, paid.alice)
        await api.post(`/store/carts/${done}/line-items`, { variant_id: variant("Single site"), quantity: 1 }, { headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${paid.alice.token}` } })
        await completeCart(api, store, done, paid.alice)
        expectRefusal(await upgradeInto(api, store, done, variant("5 sites"), { customer: paid.alice, licenseId: paid.license.id }), 409, "cart_completed")
      })
    })

    describe("order.placed upgrades the same key", () => {
      it("takes the new variant's cap, policy and titles, keeps the key, its activations and its expiry, issues no key; duplicate runs change nothing", async () => {
        const auth = await adminHeaders(api, store)
        const hook = await api.post("/admin/license-webhooks", { url: "https://93.184.216.34/upgrades", events: ["license.upgraded"], enabled: true }, auth)
        expect(hook.status).toBe(201)
        await setRenewalPolicy(api, store, "5 sites", { grace_days: 7, expiry_strategy: "maintain_access" })
        const { alice, license, key } = await aliceWithSingleSite(182.5)
        expect(await activate(api, key, "alice.example")).toBe("valid")
        expect(await activate(api, key, "alice-2.example")).toBe("max_activations_exceeded")
        const order = await upgradeAndPay(alice, license.id, "5 sites")

        const upgraded = await licenses().retrieveLicense(license.id)
        expect(upgraded).toMatchObject({
          variant_id: variant("5 sites"),
          variant_title: "5 sites",
          product_title: "Pro Plugin",
          max_activations: 5,
          grace_days: 7,
          expiry_strategy: "maintain_access",
          key_hash: license.key_hash,
          activations_used: 1,
          order_id: license.order_id,
          status: "active",
        })
        expect(new Date(upgraded.expires_at!)).toEqual(license.expires_at)
        expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["alice.example"])
        expect(await licenses().listLicenses({ order_id: order.id })).toHaveLength(0)
        expect(await licenses().listLicenses({ customer_id: alice.id })).toHaveLength(1)
        // The new cap holds at once: four more sites.
        for (const domain of ["b.example", "c.example", "d.example", "e.example"]) {
          expect(await activate(api, key, domain)).toBe("valid")
        }
        expect(await activate(api, key, "f.example")).toBe("max_activations_exceeded")

        // The same event again, the workflow by hand, the reconciliation job, three runs at once: one upgrade.
        await getContainer().resolve("event_bus").emit({ name: "order.placed", data: { id: order.id } })
        await upgradeOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
        expect(await reconcileLicenseRenewals(getContainer(), new Date(Date.now() + 5 * 60 * 1000))).toEqual([])
        await Promise.all([1, 2, 3].map(() => upgradeOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })))
        await settle()
        const rows = await licenses().listLicenseUpgrades({ license_id: license.id })
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ order_id: order.id, from_variant_id: variant("Single site"), to_variant_id: variant("5 sites"), rolled_back_at: null })
        expect(await historyOf(license.id, ["upgraded"])).toEqual([
          {
            type: "upgraded",
            actor_type: "system",
            data: expect.objectContaining({ order_id: order.id, from_variant_id: variant("Single site"), to_variant_id: variant("5 sites"), previous_max_activations: 1, max_activations: 5 }),
          },
        ])

        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const deliveries = await waitFor(
          async () => (await knex.raw(`SELECT license_id, payload FROM license_webhook_delivery WHERE type = 'license.upgraded'`)).rows as { license_id: string; payload: any }[],
          (r) => r.length === 1
        )
        expect(deliveries[0].license_id).toBe(license.id)
        expect(deliveries[0].payload.data).toMatchObject({ order_id: order.id, to_variant_id: variant("5 sites"), max_activations: 5 })
        expect(JSON.stringify(deliveries)).not.toContain(key)
        await setRenewalPolicy(api, store, "5 sites", { grace_days: 0, expiry_strategy: "revoke_access" })
      })

      it("a checkout through Medusa's JS SDK, as a storefront does: cart, upgrade line, payment, order -> the key upgraded", async () => {
        const { alice, license } = await aliceWithSingleSite(182.5)
        const sdk = new Medusa({ baseUrl: api.defaults.baseURL!, publishableKey: store.publishable_key })
        const headers = { authorization: `Bearer ${alice.token}` }
        const { cart } = await sdk.store.cart.create({ region_id: store.region_id, sales_channel_id: store.sales_channel_id, email: alice.email }, {}, headers)
        const added = await sdk.client.fetch<{ upgrade: { unit_price: number } }>(`/store/customers/me/licenses/${license.id}/upgrade`, {
          method: "POST",
          body: { cart_id: cart.id, variant_id: variant("5 sites") },
          headers,
        })
        expect(added.upgrade.unit_price).toBe(50)
        const { cart: withLine } = await sdk.store.cart.retrieve(cart.id, {}, headers)
        await sdk.store.payment.initiatePaymentSession(withLine, { provider_id: "pp_system_default" }, {}, headers)
        const completed = await sdk.store.cart.complete(cart.id, {}, headers)
        expect(completed.type).toBe("order")
        const order = (completed as { order: { id: string; items?: { unit_price: number; metadata?: Record<string, unknown> | null }[] | null } }).order
        expect(order.items!.map((i) => [i.unit_price, i.metadata?.license_action])).toEqual([[50, "upgrade"]])
        await waitFor(() => licenses().listLicenseUpgrades({ order_id: order.id }), (r) => r.length === 1)
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ variant_id: variant("5 sites"), max_activations: 5 })
        expect(await licenses().listLicenses({ order_id: order.id })).toHaveLength(0)
      })

      it("the reconciliation job applies an upgrade whose order.placed was lost", async () => {
        const { alice, license } = await aliceWithSingleSite(182.5)
        const order = await upgradeAndPay(alice, license.id, "5 sites")
        // As if the subscriber had never run: the upgrade undone and its row gone (a workflow compensation does this).
        await licenses().rollBackUpgrades(order.id, "compensation", undefined, true)
        expect((await licenses().retrieveLicense(license.id)).max_activations).toBe(1)
        expect(await reconcileLicenseRenewals(getContainer(), new Date(Date.now() + 5 * 60 * 1000))).toEqual([order.id])
        expect((await licenses().retrieveLicense(license.id)).max_activations).toBe(5)
        expect(await licenses().listLicenseUpgrades({ order_id: order.id })).toHaveLength(1)
      })
    })

    describe("refund, cancellation and return of an upgrade order", () => {
      it("a refund puts the old variant, cap and snapshot back and releases the slots over the old cap, newest first; the key stays active; once", async () => {
        const hooked = await api.post(
          "/admin/license-webhooks",
          { url: "https://93.184.216.34/upgrade-rollbacks", events: ["license.upgrade_rolled_back", "license.deactivated"], enabled: true },
          await adminHeaders(api, store)
        )
        expect(hooked.status).toBe(201)
        const { license, upgradeOrder, domain, key } = await upgradedWithActivations(4)
        expect((await licenses().retrieveLicense(license.id)).activations_used).toBe(4)
        const auth = await adminHeaders(api, store)
        const payment = await paymentOf(getContainer(), upgradeOrder.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
        const [row] = await waitFor(() => licenses().listLicenseUpgrades({ order_id: upgradeOrder.id }), (r) => !!r[0]?.rolled_back_at)
        expect(row).toMatchObject({ rolled_back_reason: "refund", released_activations: 3 })

        const after = await licenses().retrieveLicense(license.id)
        expect(after).toMatchObject({ variant_id: variant("Single site"), variant_title: "Single site", max_activations: 1, activations_used: 1, status: "active" })
        expect(new Date(after.expires_at!)).toEqual(license.expires_at)
        expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual([domain(0)])
        const released = await licenses().listLicenseActivations({ license_id: license.id, released_by: "upgrade_rolled_back" }, { take: null })
        expect(released.map((a) => a.identifier).sort()).toEqual([domain(1), domain(2), domain(3)])
        const history = await historyOf(license.id, ["deactivated", "upgrade_rolled_back"])
        // Newest first, then the roll-back itself.
        expect(history.map((e) => [e.type, e.data.identifier ?? e.data.reason])).toEqual([
          ["deactivated", domain(3)],
          ["deactivated", domain(2)],
          ["deactivated", domain(1)],
          ["upgrade_rolled_back", "refund"],
        ])
        expect(history[3].data).toMatchObject({ order_id: upgradeOrder.id, released: 3, previous_max_activations: 1, max_activations: 5 })
        expect(history.slice(0, 3).every((e) => e.data.reason === "upgrade_rolled_back" && e.data.order_id === upgradeOrder.id)).toBe(true)
        // The old cap holds again.
        expect(await activate(api, key, domain(1))).toBe("max_activations_exceeded")

        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const queued = await waitFor(
          async () => (await knex.raw(`SELECT type, payload FROM license_webhook_delivery WHERE license_id = ? AND type IN ('license.upgrade_rolled_back', 'license.deactivated')`, [license.id])).rows as { type: string; payload: any }[],
          (r) => r.length === 4
        )
        expect(queued.filter((d) => d.type === "license.deactivated").map((d) => d.payload.data.activation.identifier).sort()).toEqual([domain(1), domain(2), domain(3)])
        expect(JSON.stringify(queued)).not.toContain(key)

        // The admin's license detail lists the upgrade with its order and its roll-back.
        const { data: listed } = await api.get(`/admin/licenses/${license.id}/upgrades`, auth)
        expect(listed.upgrades).toEqual([
          expect.objectContaining({
            order_id: upgradeOrder.id,
            order_display_id: upgradeOrder.display_id,
            from_variant_title: "Single site",
            previous_max_activations: 1,
            to_variant_title: "5 sites",
            max_activations: 5,
            rolled_back_reason: "refund",
            released_activations: 3,
          }),
        ])
        expect((await api.get(`/admin/licenses/lic_nope/upgrades`, { ...auth, validateStatus: () => true })).status).toBe(404)

        // The refund event again: nothing more.
        await getContainer().resolve("event_bus").emit({ name: "payment.refunded", data: { id: payment.id } })
        await settle(1000)
        expect((await licenses().listLicenseUpgrades({ order_id: upgradeOrder.id }))[0].released_activations).toBe(3)
        expect(await historyOf(license.id, ["upgrade_rolled_back"])).toHaveLength(1)
        expect((await licenses().retrieveLicense(license.id)).max_activations).toBe(1)
      })

      it("the upgrade adds the target policy's entitlements and takes its heartbeat interval and local-sites rule; a refund takes exactly those back", async () => {
        const [original] = await licenses().listLicensePolicies({ variant_id: variant("5 sites") })
        const target = await setRenewalPolicy(api, store, "5 sites", { entitlements: ["pro-export"], heartbeat_interval_seconds: 600, local_sites_free: true })
        expect(target.status).toBe(200)
        try {
          const bought = await aliceWithSingleSite(182.5)
          await licenses().updateLicenses({ id: bought.license.id, entitlements: ["priority-support"], local_sites_free: false, heartbeat_interval_seconds: null })
          const verifyWith = async (body: Record<string, unknown>) =>
            (await api.post("/licenses/verify", { license_key: bought.key, ...body }, { validateStatus: () => true })).data
          // The one site of the Single site key, then a code the key lacks.
          expect((await verifyWith({ domain: "upgrade-entitled.example" })).code).toBe("valid")
          expect((await verifyWith({ domain: "upgrade-entitled.example", entitlements: ["pro-export"] })).code).toBe("entitlements_missing")

          const order = await upgradeAndPay(bought.alice, bought.license.id, "5 sites")
          expect(await licenses().retrieveLicense(bought.license.id)).toMatchObject({
            entitlements: ["priority-support", "pro-export"],
            heartbeat_interval_seconds: 600,
            local_sites_free: true,
          })
          const upgraded = await verifyWith({ domain: "staging.upgrade-entitled.example", entitlements: ["pro-export", "priority-support"] })
          expect(upgraded).toMatchObject({ code: "valid", entitlements: ["priority-support", "pro-export"], identity: { local: true } })

          const auth = await adminHeaders(api, store)
          const payment = await paymentOf(getContainer(), order.id)
          await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
          await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
          await waitFor(() => licenses().listLicenseUpgrades({ order_id: order.id }), (r) => !!r[0]?.rolled_back_at)
          expect(await licenses().retrieveLicense(bought.license.id)).toMatchObject({
            entitlements: ["priority-support"],
            heartbeat_interval_seconds: null,
            local_sites_free: false,
          })
          expect((await verifyWith({ domain: "upgrade-entitled.example", entitlements: ["pro-export"] })).code).toBe("entitlements_missing")
        } finally {
          const { entitlements, heartbeat_interval_seconds, local_sites_free } = original
          expect((await setRenewalPolicy(api, store, "5 sites", { entitlements, heartbeat_interval_seconds, local_sites_free })).status).toBe(200)
        }
      })

      it("a refund of the original purchase revokes the upgraded key; a cancellation of the upgrade order rolls it back", async () => {
        const { license, order: purchase, alice } = await aliceWithSingleSite(182.5)
        const upgradeOrder = await upgradeAndPay(alice, license.id, "5 sites")
        const auth = await adminHeaders(api, store)
        await api.post(`/admin/orders/${upgradeOrder.id}/cancel`, {}, auth)
        await waitFor(() => licenses().retrieveLicense(license.id), (l) => l.max_activations === 1)
        expect((await licenses().listLicenseUpgrades({ order_id: upgradeOrder.id }))[0].rolled_back_reason).toBe("canceled")
        expect((await licenses().retrieveLicense(license.id)).status).toBe("active")

        const again = await upgradeAndPay(alice, license.id, "Unlimited sites")
        expect((await licenses().retrieveLicense(license.id)).max_activations).toBe(0)
        const payment = await paymentOf(getContainer(), purchase.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
        await waitFor(() => licenses().retrieveLicense(license.id), (l) => l.status === "revoked")
        // The purchase's refund revokes; the upgrade itself stays recorded as in force.
        expect((await licenses().listLicenseUpgrades({ order_id: again.id }))[0].rolled_back_at).toBeNull()
      })

      it("a refund of an upgrade under a later one keeps the later upgrade, whose own roll-back then goes back to the start", async () => {
        await setRenewalPolicy(api, store, "5 sites", { upgrade_paths: [variant("Unlimited sites")] })
        const { license, alice } = await aliceWithSingleSite(182.5)
        const first = await upgradeAndPay(alice, license.id, "5 sites")
        const second = await upgradeAndPay(alice, license.id, "Unlimited sites")
        expect((await licenses().retrieveLicense(license.id)).max_activations).toBe(0)
        const auth = await adminHeaders(api, store)
        const payment = await paymentOf(getContainer(), first.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, auth)
        await waitFor(() => licenses().listLicenseUpgrades({ order_id: first.id }), (r) => !!r[0]?.rolled_back_at)
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ variant_id: variant("Unlimited sites"), max_activations: 0 })
        expect((await historyOf(license.id, ["upgrade_rolled_back"]))[0].data).toMatchObject({ order_id: first.id, superseded_by: expect.any(String) })

        await api.post(`/admin/orders/${second.id}/cancel`, {}, auth)
        await waitFor(() => licenses().retrieveLicense(license.id), (l) => l.max_activations === 1)
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ variant_id: variant("Single site"), variant_title: "Single site", status: "active" })
      })

      it("a received return of the upgrade line rolls it back", async () => {
        const { license, alice } = await aliceWithSingleSite(182.5)
        const upgradeOrder = await upgradeAndPay(alice, license.id, "5 sites")
        const [row] = await licenses().listLicenseUpgrades({ order_id: upgradeOrder.id })
        const auth = await adminHeaders(api, store)
        await fulfill(api, getContainer(), upgradeOrder.id, row.line_item_id, 1, auth)
        await returnAndReceive(api, getContainer(), upgradeOrder.id, row.line_item_id, 1, auth)
        await waitFor(() => licenses().retrieveLicense(license.id), (l) => l.max_activations === 1)
        expect((await licenses().listLicenseUpgrades({ order_id: upgradeOrder.id }))[0].rolled_back_reason).toBe("return")
        expect((await licenses().retrieveLicense(license.id)).variant_id).toBe(variant("Single site"))
      })

      it("a Stripe dashboard refund of the upgrade order (charge.refunded) rolls it back, once", async () => {
        const { license, alice } = await aliceWithSingleSite(182.5)
        const upgradeOrder = await upgradeAndPay(alice, license.id, "5 sites")
        const paymentIntentId = await linkStripePaymentIntent(getContainer(), upgradeOrder.id)
        const refunded = stripeEvent(api, STRIPE_SECRET, "charge.refunded", refundedChargeObject(paymentIntentId, 5000))
        expect((await refunded.deliver()).status).toBe(200)
        expect((await licenses().retrieveLicense(license.id))).toMatchObject({ max_activations: 1, variant_id: variant("Single site"), status: "active" })
        expect((await licenses().listLicenseUpgrades({ order_id: upgradeOrder.id }))[0].rolled_back_reason).toBe("refund")
        expect((await refunded.deliver()).status).toBe(200)
        expect(await historyOf(license.id, ["upgrade_rolled_back"])).toHaveLength(1)
      })
    })

    describe("disputes of an upgrade order", () => {
      it("a Stripe dispute of the upgrade order suspends the upgraded key (billing); the dispute won reinstates it, upgraded", async () => {
        const { license, alice, key } = await aliceWithSingleSite(182.5)
        const upgradeOrder = await upgradeAndPay(alice, license.id, "5 sites")
        const paymentIntentId = await linkStripePaymentIntent(getContainer(), upgradeOrder.id)
        const dispute = (type: string, status: string) =>
          stripeEvent(api, STRIPE_SECRET, type, disputeObject(`dp_${upgradeOrder.id}`, paymentIntentId, status, 5000)).deliver()
        expect((await dispute("charge.dispute.created", "needs_response")).data.changed).toBe(1)
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ status: "suspended", suspension: "billing", max_activations: 5 })
        const answer = (await api.post("/licenses/verify", { license_key: key, domain: "disputed-upgrade.example" }, { validateStatus: () => true })).data
        expect(answer).toMatchObject({ code: "suspended", suspension: "billing" })
        expect((await dispute("charge.dispute.closed", "won")).data.changed).toBe(1)
        expect(await licenses().retrieveLicense(license.id)).toMatchObject({ status: "active", suspension: null, max_activations: 5 })
      })
    })

    // Last in the file: the failure budget is the process's (memory limiter) and outlives the database snapshot.
    describe("rate limit", () => {
      it("counts unknown keys against the caller's failure budget: 429 rate_limited with Retry-After", async () => {
        const cartId = await newCart(api, store)
        const answers: { status: number; data: any; headers: any }[] = []
        for (let i = 0; i < 25 && answers.at(-1)?.status !== 429; i++) {
          answers.push(await upgradeInto(api, store, cartId, variant("5 sites"), { key: formatLicenseKey(generateKeyBody(), "CP") }))
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
