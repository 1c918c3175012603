import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import reconcileLicenseIssuance from "../../src/jobs/reconcile-license-issuance"
import { issueOrderLicensesWorkflow } from "../../src/workflows/issue-order-licenses"
import { licensesOfOrder } from "../helpers/licenses"
import { adminHeaders, type DemoStore, placeOrder, registerCustomer, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: DemoStore
    let licenseModule: LicenseModuleService

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })
    beforeEach(() => {
      licenseModule = getContainer().resolve(LICENSE_MODULE)
    })

    const licensesOf = (orderId: string) => licensesOfOrder(licenseModule, orderId)

    async function makeUnlimitedUnlicensed() {
      const auth = await adminHeaders(api, store)
      await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: store.variants["Unlimited sites"], licensed: false, max_activations: 0, term_days: null }] },
        auth
      )
    }

    it("issues one key per licensed unit with snapshots, expiry and owner, and none for unlicensed items", async () => {
      await makeUnlimitedUnlicensed()
      const shopper = await registerCustomer(api, store, "alice@example.com")
      const order = await placeOrder(
        api,
        store,
        [
          { variant_id: store.variants["Single site"], quantity: 1 },
          { variant_id: store.variants["5 sites"], quantity: 3 },
          { variant_id: store.variants["Unlimited sites"], quantity: 2 },
        ],
        shopper
      )
      const [alice] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email: "alice@example.com", has_account: true })
      const licenses = await waitFor(() => licensesOf(order.id), (l) => l.length >= 4)
      await new Promise((r) => setTimeout(r, 300))
      expect(await licensesOf(order.id)).toHaveLength(4)

      const single = licenses.filter((l) => l.variant_id === store.variants["Single site"])
      const five = licenses.filter((l) => l.variant_id === store.variants["5 sites"])
      expect(single.map((l) => l.unit_index)).toEqual([0])
      expect(five.map((l) => l.unit_index).sort()).toEqual([0, 1, 2])
      expect(new Set(licenses.map((l) => l.key_hash)).size).toBe(4)

      for (const license of licenses) {
        expect(license.status).toBe("active")
        expect(license.customer_id).toBe(alice.id)
        expect(license.customer_email).toBe("alice@example.com")
        expect(license.order_display_id).toBe(order.display_id)
        expect(license.product_id).toBe(store.product_id)
        expect(license.product_title).toBe("Pro Plugin")
        expect(license.activations_used).toBe(0)
        const expiresIn = new Date(license.expires_at!).getTime() - Date.now()
        expect(Math.abs(expiresIn - 365 * DAY)).toBeLessThan(5 * 60 * 1000)
        expect(licenseModule.revealKey(license)).toMatch(/^CP-([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}$/)
      }
      expect(single[0].variant_title).toBe("Single site")
      expect(single[0].max_activations).toBe(1)
      expect(five[0].variant_title).toBe("5 sites")
      expect(five[0].max_activations).toBe(5)

      const events = await licenseModule.listLicenseEvents({ license_id: licenses.map((l) => l.id) })
      expect(events).toHaveLength(4)
      expect(events.every((e) => e.type === "issued" && e.actor_type === "system")).toBe(true)
    })

    it("is idempotent: the event twice, the workflow again and concurrent runs add no key", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 3 }])
      const first = await waitFor(() => licensesOf(order.id), (l) => l.length >= 3)

      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      await eventBus.emit({ name: "order.placed", data: { id: order.id } })
      await Promise.all(
        Array.from({ length: 5 }, () =>
          issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
        )
      )
      await new Promise((r) => setTimeout(r, 500))

      const after = await licensesOf(order.id)
      expect(after.map((l) => l.id).sort()).toEqual(first.map((l) => l.id).sort())
      expect(await licenseModule.listLicenseEvents({ license_id: after.map((l) => l.id) })).toHaveLength(3)
    })

    it("leaves nothing half-written when issuance crashes between two units, and the reconciliation job issues the right set", async () => {
      // A real failure inside PostgreSQL: the second unit's INSERT raises for
      // the first three attempts (the step's first try and its two retries).
      await dbConnection.raw(`
        CREATE SEQUENCE crash_injection_seq;
        CREATE FUNCTION crash_on_second_unit() RETURNS trigger AS $$
        BEGIN
          IF NEW.unit_index = 1 AND nextval('crash_injection_seq') <= 3 THEN
            RAISE EXCEPTION 'injected crash between units';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER crash_on_second_unit BEFORE INSERT ON license
          FOR EACH ROW EXECUTE FUNCTION crash_on_second_unit();
      `)
      try {
        const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 3 }])
        await waitFor(
          () => dbConnection.raw("SELECT last_value, is_called FROM crash_injection_seq"),
          (r: any) => r.rows[0].is_called && Number(r.rows[0].last_value) >= 3
        )
        await new Promise((r) => setTimeout(r, 300))
        expect(await licensesOf(order.id)).toHaveLength(0)

        // The scheduled reconciliation finds the order and issues its keys.
        const inThreeMinutes = new Date(Date.now() + 3 * 60 * 1000)
        expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes)).toEqual([order.id])
        const licenses = await licensesOf(order.id)
        expect(licenses.map((l) => l.unit_index).sort()).toEqual([0, 1, 2])
        expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes)).toEqual([])
      } finally {
        await dbConnection.raw(`
          DROP TRIGGER IF EXISTS crash_on_second_unit ON license;
          DROP FUNCTION IF EXISTS crash_on_second_unit();
          DROP SEQUENCE IF EXISTS crash_injection_seq;
        `)
      }
    })

    it("issues no key for an order canceled before its keys were issued", async () => {
      // Issuance fails (all three attempts) until the trigger is dropped.
      await dbConnection.raw(`
        CREATE SEQUENCE refused_inserts_seq;
        CREATE FUNCTION refuse_license_insert() RETURNS trigger AS $$
        BEGIN PERFORM nextval('refused_inserts_seq'); RAISE EXCEPTION 'issuance unavailable'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER refuse_license_insert BEFORE INSERT ON license
          FOR EACH ROW EXECUTE FUNCTION refuse_license_insert();
      `)
      let orderId: string
      try {
        const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 2 }])
        orderId = order.id
        await waitFor(
          () => dbConnection.raw("SELECT last_value, is_called FROM refused_inserts_seq"),
          (r: any) => r.rows[0].is_called && Number(r.rows[0].last_value) >= 3
        )
        const auth = await adminHeaders(api, store)
        await api.post(`/admin/orders/${order.id}/cancel`, {}, auth)
      } finally {
        await dbConnection.raw(`
          DROP TRIGGER IF EXISTS refuse_license_insert ON license;
          DROP FUNCTION IF EXISTS refuse_license_insert();
          DROP SEQUENCE IF EXISTS refused_inserts_seq;
        `)
      }
      const inThreeMinutes = new Date(Date.now() + 3 * 60 * 1000)
      expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes)).toEqual([])
      const { result } = await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: orderId! } })
      expect(result.created).toHaveLength(0)
      expect(await licensesOf(orderId!)).toHaveLength(0)
    })

    it("completes the missing units of a partly issued order without touching the others", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 3 }])
      const issued = await waitFor(() => licensesOf(order.id), (l) => l.length >= 3)
      const kept = issued[0]
      await licenseModule.deleteLicenses(issued.slice(1).map((l) => l.id))

      await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
      const after = await licensesOf(order.id)
      expect(after.map((l) => l.unit_index).sort()).toEqual([0, 1, 2])
      expect(after.find((l) => l.unit_index === kept.unit_index)!.key_hash).toBe(kept.key_hash)
    })

    it("keeps the terms of issued keys when the policy changes afterwards", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const [before] = await waitFor(() => licensesOf(order.id), (l) => l.length >= 1)
      const auth = await adminHeaders(api, store)
      await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: store.variants["Single site"], licensed: true, max_activations: 3, term_days: null }] },
        auth
      )
      const [after] = await licensesOf(order.id)
      expect(after.max_activations).toBe(1)
      expect(after.expires_at).toEqual(before.expires_at)
      expect(after.key_hash).toBe(before.key_hash)

      const next = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const [fresh] = await waitFor(() => licensesOf(next.id), (l) => l.length >= 1)
      expect(fresh.max_activations).toBe(3)
      expect(fresh.expires_at).toBeNull()
    })

    it("links each license to its order, customer and variant for Query", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }], {
        email: "linked@example.com",
      })
      await waitFor(() => licensesOf(order.id), (l) => l.length >= 1)
      const query = getContainer().resolve("query")
      const { data } = await query.graph({
        entity: "license",
        fields: ["id", "order.display_id", "customer.email", "product_variant.sku"],
        filters: { order_id: order.id },
      })
      expect(data).toHaveLength(1)
      expect(data[0].order.display_id).toBe(order.display_id)
      expect(data[0].customer.email).toBe("linked@example.com")
      expect(data[0].product_variant.sku).toBe("PRO-1")
    })

    it("issues nothing for an order without licensed items", async () => {
      await makeUnlimitedUnlicensed()
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Unlimited sites"], quantity: 2 }])
      const { result } = await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect(result).toEqual({ created: [], existing: [] })
      expect(await licensesOf(order.id)).toHaveLength(0)
    })

    it("never holds a usable key at rest, in the license table or in the notification sent", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 2 }], {
        email: "rest@example.com",
      })
      const licenses = await waitFor(() => licensesOf(order.id), (l) => l.length >= 2)
      const keys = licenses.map((l) => licenseModule.revealKey(l))

      // Medusa stores the notification with the keys while it calls the
      // provider; the attempt is recorded `sent` once the row holds hints.
      await waitFor(() => licenseModule.retrieveIssuanceNotice(order.id), (n) => n?.status === "sent")
      const notifications = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: "rest@example.com" })
      expect(notifications).toHaveLength(1)
      expect(notifications[0].template).toBe("license-issued")

      const { rows: licenseRows } = await dbConnection.raw("SELECT * FROM license WHERE order_id = ?", [order.id])
      const { rows: notificationRows } = await dbConnection.raw("SELECT * FROM notification")
      const atRest = JSON.stringify([licenseRows, notificationRows])
      for (const key of keys) {
        const body = key.replace(/^CP-/, "").replace(/-/g, "")
        expect(atRest).not.toContain(key)
        expect(atRest).not.toContain(body)
        expect(atRest).not.toContain(key.split("-").slice(1, 3).join("-"))
        expect(atRest).toContain(body.slice(-5))
      }
    })

    it("lets an admin issue a key by hand, list and search licenses, and read one with its history", async () => {
      const auth = await adminHeaders(api, store)
      const shopper = await registerCustomer(api, store, "bob@example.com")
      const customers = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: "bob@example.com" })
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 2 }], shopper)
      await waitFor(() => licensesOf(order.id), (l) => l.length >= 2)

      const { data: created, status } = await api.post(
        "/admin/licenses",
        { customer_id: customers[0].id, variant_id: store.variants["Unlimited sites"], max_activations: 7, notes: "Partner" },
        auth
      )
      expect(status).toBe(201)
      expect(created.license).toMatchObject({
        customer_id: customers[0].id,
        customer_email: "bob@example.com",
        order_id: null,
        product_title: "Pro Plugin",
        variant_title: "Unlimited sites",
        max_activations: 7,
        expires_at: null,
        notes: "Partner",
        status: "active",
      })
      expect(created.license.key).toMatch(/^CP-/)
      expect(created.license.key_hash).toBeUndefined()
      expect(created.license.key_encrypted).toBeUndefined()

      const byCustomer = await api.get(`/admin/licenses?customer_id=${customers[0].id}`, auth)
      expect(byCustomer.data.count).toBe(3)

      const byKey = await api.get(`/admin/licenses?q=${encodeURIComponent(created.license.key.toLowerCase())}`, auth)
      expect(byKey.data.licenses.map((l: any) => l.id)).toEqual([created.license.id])
      const byHint = await api.get(`/admin/licenses?q=${created.license.key_hint}`, auth)
      expect(byHint.data.licenses.map((l: any) => l.id)).toContain(created.license.id)
      const byEmail = await api.get(`/admin/licenses?q=bob@example`, auth)
      expect(byEmail.data.count).toBe(3)
      const byOrder = await api.get(`/admin/licenses?q=%23${order.display_id}`, auth)
      expect(byOrder.data.count).toBe(2)
      const page = await api.get(`/admin/licenses?customer_id=${customers[0].id}&limit=2&offset=2`, auth)
      expect(page.data.licenses).toHaveLength(1)
      expect(page.data.count).toBe(3)

      const detail = await api.get(`/admin/licenses/${created.license.id}`, auth)
      expect(detail.data.license.key).toBe(created.license.key)
      expect(detail.data.license.activations).toEqual([])
      expect(detail.data.license.events).toHaveLength(1)
      expect(detail.data.license.events[0]).toMatchObject({ type: "issued", actor_type: "admin" })
      expect(detail.data.license.events[0].actor_id).toMatch(/^user_/)
    })

    it("reads and writes variant policies, refusing foreign variants and bad values", async () => {
      const auth = await adminHeaders(api, store)
      const { data } = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
      expect(data.license_policies).toHaveLength(3)
      expect(data.license_policies.find((p: any) => p.variant_title === "5 sites")).toMatchObject({
        licensed: true,
        max_activations: 5,
        term_days: 365,
      })
      const bad = await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: store.variants["5 sites"], licensed: true, max_activations: -1, term_days: null }] },
        { ...auth, validateStatus: () => true }
      )
      expect(bad.status).toBe(400)
      const foreign = await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: "variant_not_mine", licensed: true, max_activations: 1, term_days: null }] },
        { ...auth, validateStatus: () => true }
      )
      expect(foreign.status).toBe(400)
      const after = await api.get(`/admin/products/${store.product_id}/license-policies`, auth)
      expect(after.data.license_policies).toEqual(data.license_policies)
    })

    it("answers 401 to the admin license API without a session", async () => {
      for (const [method, url] of [
        ["get", "/admin/licenses"],
        ["post", "/admin/licenses"],
        ["get", `/admin/products/${store.product_id}/license-policies`],
      ] as const) {
        const res = await api.request({ method, url, validateStatus: () => true })
        expect(res.status).toBe(401)
      }
    })
  },
})
