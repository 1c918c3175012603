import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileLicenseIssuance from "../../src/jobs/reconcile-license-issuance"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import { findOrdersMissingLicensesWorkflow } from "../../src/workflows/find-orders-missing-licenses"
import { issueOrderLicensesWorkflow } from "../../src/workflows/issue-order-licenses"
import { licensesOfOrder } from "../helpers/licenses"
import { withLicenseInsertTrigger } from "../helpers/license-insert-trigger"
import { fulfill, paymentOf, returnAndReceive } from "../helpers/order-actions"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { settle, waitFor } from "../helpers/wait"

jest.setTimeout(240 * 1000)

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE

/**
 * Keys follow money: only placed orders are keyed, and a refund, cancellation
 * or return that came before the keys (order.placed lost, reconciliation late)
 * still holds once they are issued.
 */
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
    const inThreeMinutes = () => new Date(Date.now() + 3 * MINUTE)

    /**
     * Places an order while issuance cannot insert (its step and both retries
     * fail), as when order.placed is lost: the order exists, with no key.
     */
    async function placeOrderWithoutKeys(items: { variant: string; quantity: number }[]) {
      return await withLicenseInsertTrigger(
        dbConnection,
        "refuse_license_insert",
        "PERFORM nextval('refuse_license_insert_seq'); RAISE EXCEPTION 'issuance unavailable';",
        async () => {
          const order = await placeOrder(
            api,
            store,
            items.map((i) => ({ variant_id: store.variants[i.variant], quantity: i.quantity }))
          )
          await waitFor(
            () => dbConnection.raw("SELECT last_value, is_called FROM refuse_license_insert_seq"),
            (r: any) => r.rows[0].is_called && Number(r.rows[0].last_value) >= 3
          )
          await settle(300)
          expect(await licensesOf(order.id)).toHaveLength(0)
          return order
        }
      )
    }

    it("never keys a draft order, by reconciliation or otherwise, and keys it once it is converted", async () => {
      const auth = await adminHeaders(api, store)
      const { data } = await api.post(
        "/admin/draft-orders",
        {
          email: "quote@example.com",
          region_id: store.region_id,
          sales_channel_id: store.sales_channel_id,
          items: [{ variant_id: store.variants["Single site"], quantity: 2 }],
        },
        auth
      )
      const draftId = data.draft_order.id as string

      expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes())).not.toContain(draftId)
      const { result } = await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: draftId } })
      expect(result.created).toHaveLength(0)
      expect(await licensesOf(draftId)).toHaveLength(0)
      const notifications = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: "quote@example.com" })
      expect(notifications).toHaveLength(0)

      // Converting the draft places the order (order.placed): now it is keyed.
      await api.post(`/admin/draft-orders/${draftId}/convert-to-order`, {}, auth)
      const licenses = await waitFor(() => licensesOf(draftId), (l) => l.length >= 2)
      expect(licenses.map((l) => l.status)).toEqual(["active", "active"])
    })

    it("issues no key for an order refunded before its keys existed", async () => {
      const order = await placeOrderWithoutKeys([{ variant: "5 sites", quantity: 2 }])
      const auth = await adminHeaders(api, store)
      const payment = await paymentOf(getContainer(), order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, auth)
      await waitFor(
        () => dbConnection.raw("SELECT reason FROM license_order_revocation WHERE order_id = ?", [order.id]),
        (r: any) => r.rows.length === 1 && r.rows[0].reason === "refund"
      )

      expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes())).not.toContain(order.id)
      const { result } = await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect(result.created).toHaveLength(0)
      expect(await licensesOf(order.id)).toHaveLength(0)
    })

    it("issues the units returned before the keys existed as revoked keys, and e-mails only the live ones", async () => {
      const order = await placeOrderWithoutKeys([{ variant: "5 sites", quantity: 3 }])
      const auth = await adminHeaders(api, store)
      const itemId = order.items[0].id as string
      await fulfill(api, getContainer(), order.id, itemId, 3, auth)
      await returnAndReceive(api, getContainer(), order.id, itemId, 1, auth)
      // The return's subscriber records the returned unit although the order has no key yet.
      await waitFor(
        () => dbConnection.raw("SELECT returned_quantity FROM license_order_revocation WHERE line_item_id = ?", [itemId]),
        (r: any) => r.rows.length === 1 && r.rows[0].returned_quantity === 1
      )

      expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes())).toEqual([order.id])
      const licenses = await licensesOf(order.id)
      expect(licenses).toHaveLength(3)
      expect(licenses.filter((l) => l.status === "revoked").map((l) => l.revoke_reason)).toEqual(["return"])
      expect(licenses.filter((l) => l.status === "active")).toHaveLength(2)

      const [notification] = await waitFor(
        () => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: order.email }),
        (n) => n.length >= 1
      )
      const sent = (notification.data as { licenses: { license_id: string }[] }).licenses.map((l) => l.license_id)
      expect(sent.sort()).toEqual(licenses.filter((l) => l.status === "active").map((l) => l.id).sort())

      // Nothing is missing any more, and running issuance again changes nothing.
      expect(await reconcileLicenseIssuance(getContainer(), inThreeMinutes())).toEqual([])
      await issueOrderLicensesWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect((await licensesOf(order.id)).filter((l) => l.status === "revoked")).toHaveLength(1)
    })

    it("serialises a cancel that lands while issuance is inserting: no key stays active", async () => {
      // The first key INSERT of the order waits 3 s inside issuance's transaction.
      await withLicenseInsertTrigger(
        dbConnection,
        "slow_license_insert",
        "IF nextval('slow_license_insert_seq') = 1 THEN PERFORM pg_sleep(3); END IF; RETURN NEW;",
        async () => {
          const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 2 }])
          await waitFor(
            () => dbConnection.raw("SELECT is_called FROM slow_license_insert_seq"),
            (r: any) => r.rows[0].is_called
          )
          const auth = await adminHeaders(api, store)
          await api.post(`/admin/orders/${order.id}/cancel`, {}, auth)

          const licenses = await waitFor(
            () => licensesOf(order.id),
            (l) => l.length === 2 && l.every((x) => x.status === "revoked"),
            20000
          )
          expect(licenses.map((l) => l.revoke_reason)).toEqual(["canceled", "canceled"])
        }
      )
    })

    it("reads every page of its window, oldest first", async () => {
      const orders = []
      for (let i = 0; i < 5; i++) {
        orders.push(await placeOrderWithoutKeys([{ variant: "Single site", quantity: 1 }]))
      }
      const { result } = await findOrdersMissingLicensesWorkflow(getContainer()).run({
        input: { placed_after: new Date(Date.now() - DAY), placed_before: new Date(Date.now() + MINUTE), page_size: 2 },
      })
      expect(result).toEqual(orders.map((o) => o.id))
    })

    it("catches up an outage longer than its one-day look-back from where its last complete run ended", async () => {
      // A complete run now, then three days without one.
      expect(await reconcileLicenseIssuance(getContainer(), new Date())).toEqual([])
      const order = await placeOrderWithoutKeys([{ variant: "Single site", quantity: 1 }])
      const threeDaysLater = new Date(Date.now() + 3 * DAY)
      expect(await reconcileLicenseIssuance(getContainer(), threeDaysLater)).toEqual([order.id])
      expect((await licensesOf(order.id)).map((l) => l.status)).toEqual(["active"])
    })

    it("revokes exactly N more keys for a return of N units, whatever reason the admin gave an earlier revocation", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 3 }])
      const licenses = await waitFor(() => licensesOf(order.id), (l) => l.length >= 3)
      const auth = await adminHeaders(api, store)
      // The admin revokes one key and writes "return" as the reason.
      await api.post(`/admin/licenses/${licenses[0].id}/revoke`, { reason: "return" }, auth)

      const itemId = licenses[0].line_item_id!
      await fulfill(api, getContainer(), order.id, itemId, 3, auth)
      await returnAndReceive(api, getContainer(), order.id, itemId, 1, auth)
      const after = await waitFor(
        () => licensesOf(order.id),
        (l) => l.filter((x) => x.status === "revoked").length >= 2
      )
      await settle()
      expect((await licensesOf(order.id)).filter((l) => l.status === "revoked")).toHaveLength(2)
      expect(after.filter((l) => l.status === "active")).toHaveLength(1)
    })
  },
})
