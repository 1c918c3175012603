import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import type LicenseModuleService from "../../src/modules/license/service"
import { buyLicenses, customerAccount } from "../helpers/customer-licenses"
import { completeCart, newCart, renewInto, setRenewalPolicy, upgradeInto } from "../helpers/renewals"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

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

        // A completed cart takes no upgrade.
        const paid = await aliceWithSingleSite(100)
        const done = await newCart(api, store, paid.alice)
        await api.post(`/store/carts/${done}/line-items`, { variant_id: variant("Single site"), quantity: 1 }, { headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${paid.alice.token}` } })
        await completeCart(api, store, done, paid.alice)
        expectRefusal(await upgradeInto(api, store, done, variant("5 sites"), { customer: paid.alice, licenseId: paid.license.id }), 409, "cart_completed")
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
