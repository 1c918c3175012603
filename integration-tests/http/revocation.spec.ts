import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { PaymentDTO, UpdatePaymentDTO } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import Stripe from "stripe"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import type { LicenseDTO } from "../../src/modules/license/service"
import { licensesOfOrder } from "../helpers/licenses"
import { fulfill as fulfillItem, paymentOf as paymentOfOrder, returnAndReceive as returnAndReceiveItem } from "../helpers/order-actions"
import { adminHeaders, type DemoStore, placeOrder, registerCustomer, seedStore } from "../helpers/store"
import { settle, waitFor } from "../helpers/wait"

jest.setTimeout(240 * 1000)

// The server of this suite reads its module options from medusa-config.ts when
// the runner boots it, after this line.
const WEBHOOK_SECRET = "whsec_license_keys_revocation_test_secret"
process.env.STRIPE_LICENSE_WEBHOOK_SECRET = WEBHOOK_SECRET

const REVOKED_MESSAGE = "License has been revoked"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let licenseModule: LicenseModuleService

    // license.* events the workflows publish on the event bus, as a subscriber sees them.
    const published: { name: string; data: { id: string; order_id: string | null; reason: string } }[] = []

    beforeAll(async () => {
      store = await seedStore(getContainer())
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      for (const name of ["license.revoked", "license.suspended", "license.reinstated"]) {
        eventBus.subscribe(name, async (event: any) => void published.push({ name, data: event.data }), {
          subscriberId: `revocation-spec-${name}`,
        })
      }
    })
    beforeEach(() => {
      licenseModule = getContainer().resolve(LICENSE_MODULE)
      published.length = 0
    })

    /** Waits for the bus, then returns what was published about these licenses. */
    async function publishedFor(name: string, licenses: { id: string }[]) {
      await settle(300)
      const ids = new Set(licenses.map((l) => l.id))
      return published.filter((e) => e.name === name && ids.has(e.data.id))
    }

    const licensesOf = (orderId: string) => licensesOfOrder(licenseModule, orderId)
    const eventsOf = (licenses: { id: string }[], type: string) =>
      licenseModule.listLicenseEvents({ license_id: licenses.map((l) => l.id), type: type as never }, { take: null })
    const allRevokedEvents = () => licenseModule.listLicenseEvents({ type: "revoked" }, { take: null })

    async function orderWithKeys(items: { variant: string; quantity: number }[], shopper?: { email: string; token?: string }) {
      const order = await placeOrder(
        api,
        store,
        items.map((i) => ({ variant_id: store.variants[i.variant], quantity: i.quantity })),
        shopper
      )
      const expected = items.reduce((n, i) => n + i.quantity, 0)
      const licenses = await waitFor(() => licensesOf(order.id), (l) => l.length >= expected)
      return { order, licenses }
    }

    const paymentOf = (orderId: string) => paymentOfOrder(getContainer(), orderId)

    async function verify(licenseKey: string, domain = "shop.example") {
      return api.post("/licenses/verify", { license_key: licenseKey, domain }, { validateStatus: () => true })
    }

    function expectRevoked(licenses: LicenseDTO[], reason: string) {
      for (const license of licenses) {
        expect(license.status).toBe("revoked")
        expect(license.revoke_reason).toBe(reason)
        expect(license.revoked_at).toBeTruthy()
        expect(Math.abs(Date.now() - new Date(license.revoked_at!).getTime())).toBeLessThan(60 * 1000)
      }
    }

    async function expectOneRevokedEventEach(licenses: LicenseDTO[], reason: string) {
      const events = await eventsOf(licenses, "revoked")
      expect(events).toHaveLength(licenses.length)
      expect(new Set(events.map((e) => e.license_id)).size).toBe(licenses.length)
      for (const event of events) {
        expect(event.actor_type).toBe("system")
        expect(event.data).toMatchObject({ reason })
      }
    }

    describe("refund through the admin API (payment.refunded)", () => {
      it("revokes every key of the refunded order, once, and Verify answers revoked; other orders keep theirs", async () => {
        const shopper = await registerCustomer(api, store, "refund@example.com")
        const { order, licenses } = await orderWithKeys(
          [
            { variant: "Single site", quantity: 1 },
            { variant: "5 sites", quantity: 2 },
          ],
          shopper
        )
        const other = await orderWithKeys([{ variant: "5 sites", quantity: 1 }], shopper)
        const keys = licenses.map((l) => licenseModule.revealKey(l))
        expect((await verify(keys[0])).data.code).toBe("valid")

        const auth = await adminHeaders(api, store)
        const payment = await paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)
        // A partial refund: the default `revokeOn: "any_refund"` revokes.
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, auth)

        const revoked = await waitFor(() => licensesOf(order.id), (l) => l.every((x) => x.status === "revoked"))
        expect(revoked).toHaveLength(3)
        expectRevoked(revoked, "refund")
        await expectOneRevokedEventEach(revoked, "refund")
        const [event] = await eventsOf([revoked[0]], "revoked")
        expect(event.data).toMatchObject({ source: "medusa", payment_id: payment.id, previous_status: "active" })

        for (const key of keys) {
          const res = await verify(key)
          expect(res.status).toBe(200)
          expect(res.data).toMatchObject({ valid: false, code: "revoked", message: REVOKED_MESSAGE })
        }

        // A second refund and a duplicate delivery of the event revoke nothing more.
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 5 }, auth)
        await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "payment.refunded", data: { id: payment.id } })
        await settle()
        await expectOneRevokedEventEach(await licensesOf(order.id), "refund")

        const untouched = await licensesOf(other.order.id)
        expect(untouched.map((l) => l.status)).toEqual(["active"])
        expect(await eventsOf(untouched, "revoked")).toHaveLength(0)

        const emitted = await publishedFor("license.revoked", [...revoked, ...untouched])
        expect(emitted.map((e) => e.data).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          revoked.map((l) => ({ id: l.id, order_id: order.id, reason: "refund" })).sort((a, b) => a.id.localeCompare(b.id))
        )
      })
    })

    describe("cancel (order.canceled)", () => {
      it("revokes the keys of a canceled order once, and a refund afterwards revokes nothing more", async () => {
        const shopper = await registerCustomer(api, store, "cancel@example.com")
        const { order } = await orderWithKeys([{ variant: "5 sites", quantity: 2 }], shopper)
        const other = await orderWithKeys([{ variant: "Single site", quantity: 1 }], shopper)
        const auth = await adminHeaders(api, store)
        const payment = await paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, {}, auth)

        // Cancelling refunds the captured payment without emitting payment.refunded.
        await api.post(`/admin/orders/${order.id}/cancel`, {}, auth)
        const revoked = await waitFor(() => licensesOf(order.id), (l) => l.every((x) => x.status === "revoked"))
        expectRevoked(revoked, "canceled")
        await expectOneRevokedEventEach(revoked, "canceled")

        // The same event twice, then a refund of the same payment reported afterwards.
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        await eventBus.emit({ name: "order.canceled", data: { id: order.id } })
        await eventBus.emit({ name: "payment.refunded", data: { id: payment.id } })
        await settle()
        const after = await licensesOf(order.id)
        expectRevoked(after, "canceled")
        await expectOneRevokedEventEach(after, "canceled")
        expect(after.map((l) => new Date(l.revoked_at!).getTime())).toEqual(
          revoked.map((l) => new Date(l.revoked_at!).getTime())
        )

        expect((await licensesOf(other.order.id)).map((l) => l.status)).toEqual(["active"])
        expect(await publishedFor("license.revoked", after)).toHaveLength(2)
      })
    })

    describe("return (order.return_received)", () => {
      const fulfill = (orderId: string, itemId: string, quantity: number, auth: object) =>
        fulfillItem(api, getContainer(), orderId, itemId, quantity, auth)
      const returnAndReceive = (orderId: string, itemId: string, quantity: number, auth: object) =>
        returnAndReceiveItem(api, getContainer(), orderId, itemId, quantity, auth)

      it("revokes one key per returned unit: the one without activations first, else the newest", async () => {
        const { order, licenses } = await orderWithKeys([{ variant: "5 sites", quantity: 3 }])
        const byUnit = (list: LicenseDTO[], unit: number) => list.find((l) => l.unit_index === unit)!
        // The newest key (unit 2) gets an activation through the Verify API.
        expect((await verify(licenseModule.revealKey(byUnit(licenses, 2)), "site-two.example")).data.code).toBe("valid")
        expect((await licenseModule.retrieveLicense(byUnit(licenses, 2).id)).activations_used).toBe(1)

        const auth = await adminHeaders(api, store)
        const itemId = licenses[0].line_item_id!
        await fulfill(order.id, itemId, 3, auth)

        // Return 1 of 3: exactly one key, the newest without activations (unit 1).
        const returnId = await returnAndReceive(order.id, itemId, 1, auth)
        let after = await waitFor(() => licensesOf(order.id), (l) => l.some((x) => x.status === "revoked"))
        await settle()
        after = await licensesOf(order.id)
        expect(after.filter((l) => l.status === "revoked").map((l) => l.unit_index)).toEqual([1])
        expectRevoked([byUnit(after, 1)], "return")
        await expectOneRevokedEventEach([byUnit(after, 1)], "return")
        expect((await eventsOf([byUnit(after, 1)], "revoked"))[0].data).toMatchObject({ return_id: returnId })

        // The same event delivered again revokes nothing more.
        await getContainer()
          .resolve(Modules.EVENT_BUS)
          .emit({ name: "order.return_received", data: { order_id: order.id, return_id: returnId } })
        await settle()
        after = await licensesOf(order.id)
        expect(after.filter((l) => l.status === "revoked").map((l) => l.unit_index)).toEqual([1])
        expect(await eventsOf(after, "revoked")).toHaveLength(1)

        // A second return of 1: unit 0 (no activations) goes before unit 2 (newer, activated).
        await returnAndReceive(order.id, itemId, 1, auth)
        after = await waitFor(
          () => licensesOf(order.id),
          (l) => l.filter((x) => x.status === "revoked").length >= 2
        )
        await settle()
        after = await licensesOf(order.id)
        expect(after.filter((l) => l.status === "revoked").map((l) => l.unit_index)).toEqual([0, 1])
        expect(byUnit(after, 2).status).toBe("active")
        expect(await eventsOf(after, "revoked")).toHaveLength(2)
        const emitted = await publishedFor("license.revoked", after)
        expect(emitted.map((e) => e.data.id).sort()).toEqual([byUnit(after, 0).id, byUnit(after, 1).id].sort())
        expect(emitted.every((e) => e.data.reason === "return")).toBe(true)
      })
    })

    describe("Stripe webhook POST /hooks/licenses/stripe", () => {
      let seq = 0
      const ids = (prefix: string) => `${prefix}_test_${Date.now()}_${++seq}`

      /**
       * Medusa's Stripe provider stores the PaymentIntent in the payment's `data`
       * (`data.id = "pi_..."`). These tests cannot reach Stripe, so the order is
       * paid with the system provider and its payment's data is then set, through
       * the payment module, to what the Stripe provider would have stored.
       */
      async function stripeOrder(items: { variant: string; quantity: number }[], shopper?: { email: string; token?: string }) {
        const { order, licenses } = await orderWithKeys(items, shopper)
        const payment = await paymentOf(order.id)
        const paymentIntentId = ids("pi")
        // The public UpdatePaymentDTO declares only `id`, but the payment module's
        // updatePayment writes whatever columns it is given (it hands the object to its
        // data service), and `data` is the column the Stripe provider fills. So the
        // update is typed as the DTO plus PaymentDTO's `data` (a subtype: no cast).
        const update: UpdatePaymentDTO & Required<Pick<PaymentDTO, "data">> = {
          id: payment.id,
          data: { id: paymentIntentId, object: "payment_intent" },
        }
        await getContainer().resolve(Modules.PAYMENT).updatePayment(update)
        return { order, licenses, paymentIntentId, amountCents: Math.round(payment.amount * 100) }
      }

      function stripeEvent(type: string, object: Record<string, unknown>) {
        return {
          id: ids("evt"),
          object: "event",
          api_version: "2025-09-30.clover",
          created: Math.floor(Date.now() / 1000),
          livemode: false,
          pending_webhooks: 1,
          request: { id: null, idempotency_key: null },
          type,
          data: { object },
        }
      }

      const chargeRefunded = (paymentIntentId: string, amount: number, amountRefunded: number) =>
        stripeEvent("charge.refunded", {
          id: ids("ch"),
          object: "charge",
          amount,
          amount_refunded: amountRefunded,
          currency: "usd",
          payment_intent: paymentIntentId,
          refunded: amountRefunded >= amount,
          status: "succeeded",
        })

      const dispute = (type: string, paymentIntentId: string, disputeId: string, status: string) =>
        stripeEvent(type, {
          id: disputeId,
          object: "dispute",
          amount: 14900,
          charge: ids("ch"),
          currency: "usd",
          payment_intent: paymentIntentId,
          reason: "fraudulent",
          status,
        })

      /** Delivers an event the way Stripe does: the exact bytes, signed with the library's own helper. */
      async function deliver(event: object, { secret = WEBHOOK_SECRET, sign = true } = {}) {
        const payload = JSON.stringify(event)
        const headers: Record<string, string> = { "content-type": "application/json" }
        if (sign) {
          headers["stripe-signature"] = Stripe.webhooks.generateTestHeaderString({ payload, secret })
        }
        return api.post("/hooks/licenses/stripe", payload, {
          headers,
          transformRequest: [(data: unknown) => data],
          validateStatus: () => true,
        })
      }

      it("revokes on a signed charge.refunded, once, and refuses unsigned or wrongly signed deliveries", async () => {
        const shopper = await registerCustomer(api, store, "stripe-refund@example.com")
        const { order, paymentIntentId, amountCents } = await stripeOrder([{ variant: "5 sites", quantity: 2 }], shopper)
        const other = await orderWithKeys([{ variant: "Single site", quantity: 1 }], shopper)
        const event = chargeRefunded(paymentIntentId, amountCents, amountCents)

        const wrongSecret = await deliver(event, { secret: "whsec_not_the_endpoint_secret" })
        expect(wrongSecret.status).toBe(400)
        const unsigned = await deliver(event, { sign: false })
        expect(unsigned.status).toBe(400)
        const tampered = await api.post(
          "/hooks/licenses/stripe",
          JSON.stringify({ ...event, id: "evt_tampered" }),
          {
            headers: {
              "content-type": "application/json",
              "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET }),
            },
            transformRequest: [(data: unknown) => data],
            validateStatus: () => true,
          }
        )
        expect(tampered.status).toBe(400)
        await settle(200)
        expect((await licensesOf(order.id)).map((l) => l.status)).toEqual(["active", "active"])
        expect(await eventsOf(await licensesOf(order.id), "revoked")).toHaveLength(0)

        const ok = await deliver(event)
        expect(ok.status).toBe(200)
        expect(ok.data).toMatchObject({ received: true, action: "revoke", order_id: order.id, changed: 2 })
        const revoked = await licensesOf(order.id)
        expectRevoked(revoked, "refund")
        await expectOneRevokedEventEach(revoked, "refund")
        expect((await eventsOf([revoked[0]], "revoked"))[0].data).toMatchObject({
          source: "stripe",
          stripe_event_id: event.id,
          payment_intent_id: paymentIntentId,
        })
        const answer = await verify(licenseModule.revealKey(revoked[0]))
        expect(answer.data).toMatchObject({ code: "revoked", message: REVOKED_MESSAGE })

        // Stripe retries deliveries: the same event again, and a later refund event, change nothing.
        expect((await deliver(event)).data).toMatchObject({ changed: 0 })
        expect((await deliver(chargeRefunded(paymentIntentId, amountCents, amountCents))).status).toBe(200)
        await expectOneRevokedEventEach(await licensesOf(order.id), "refund")
        expect((await licensesOf(other.order.id)).map((l) => l.status)).toEqual(["active"])
        expect(await publishedFor("license.revoked", revoked)).toHaveLength(2)
      })

      it("answers 200 and changes nothing for a payment intent of no order", async () => {
        const { order } = await stripeOrder([{ variant: "Single site", quantity: 1 }])
        const before = (await allRevokedEvents()).length
        const res = await deliver(chargeRefunded("pi_unknown_to_this_store", 4900, 4900))
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ received: true, order_id: null, changed: 0 })
        const disputed = await deliver(dispute("charge.dispute.created", "pi_unknown_to_this_store", ids("dp"), "needs_response"))
        expect(disputed.status).toBe(200)
        expect(disputed.data).toMatchObject({ order_id: null, changed: 0 })
        await settle(200)
        expect((await allRevokedEvents()).length).toBe(before)
        expect((await licensesOf(order.id)).map((l) => l.status)).toEqual(["active"])
      })

      it("ignores signed events it does not handle", async () => {
        const res = await deliver(stripeEvent("customer.created", { id: ids("cus"), object: "customer" }))
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ received: true, action: "ignored" })
      })

      it("suspends on a dispute, reinstates on a dispute won, once each, and leaves what the admin suspended", async () => {
        const { order, licenses, paymentIntentId } = await stripeOrder([{ variant: "5 sites", quantity: 3 }])
        // The admin suspended one key before the dispute: the dispute must not reinstate it.
        const adminSuspended = licenses[0]
        await licenseModule.suspendLicenses(
          { license_ids: [adminSuspended.id] },
          { actor: { type: "admin", id: "user_test" }, reason: "admin" }
        )
        const disputeId = ids("dp")
        const created = dispute("charge.dispute.created", paymentIntentId, disputeId, "needs_response")

        expect((await deliver(created, { sign: false })).status).toBe(400)
        expect((await licensesOf(order.id)).filter((l) => l.status === "suspended")).toHaveLength(1)

        const res = await deliver(created)
        expect(res.data).toMatchObject({ received: true, action: "suspend", order_id: order.id, changed: 2 })
        expect((await deliver(created)).data).toMatchObject({ changed: 0 })
        let current = await licensesOf(order.id)
        expect(current.map((l) => l.status)).toEqual(["suspended", "suspended", "suspended"])
        expect(await eventsOf(current, "suspended")).toHaveLength(3)
        const suspendedAnswer = await verify(licenseModule.revealKey(current[1]))
        // Why: billing for what the dispute suspended, manual for what the admin did; in the signed payload too.
        expect(suspendedAnswer.data).toMatchObject({ code: "suspended", suspension: "billing" })
        expect(jwt.decode(suspendedAnswer.data.signature)).toMatchObject({ code: "suspended", suspension: "billing" })
        expect((await verify(licenseModule.revealKey(current[0]))).data).toMatchObject({ code: "suspended", suspension: "manual" })
        const adminAuth = await adminHeaders(api, store)
        const detail = (await api.get(`/admin/licenses/${current[1].id}`, adminAuth)).data.license
        expect(detail).toMatchObject({ status: "suspended", suspension: "billing" })
        const listed = (await api.get(`/admin/licenses?order_id=${order.id}`, adminAuth)).data.licenses
        expect(listed.map((l: { id: string; suspension: string }) => [l.id, l.suspension]).sort()).toEqual(
          [[adminSuspended.id, "manual"], ...current.filter((l) => l.id !== adminSuspended.id).map((l) => [l.id, "billing"])].sort()
        )

        // A dispute closed as lost changes nothing; won reinstates what the dispute suspended.
        expect((await deliver(dispute("charge.dispute.closed", paymentIntentId, disputeId, "lost"))).data).toMatchObject({
          action: "ignored",
        })
        const won = dispute("charge.dispute.closed", paymentIntentId, disputeId, "won")
        expect((await deliver(won)).data).toMatchObject({ action: "reinstate", changed: 2 })
        expect((await deliver(won)).data).toMatchObject({ changed: 0 })
        current = await licensesOf(order.id)
        expect(current.find((l) => l.id === adminSuspended.id)!.status).toBe("suspended")
        expect(current.filter((l) => l.id !== adminSuspended.id).map((l) => l.status)).toEqual(["active", "active"])
        const reinstated = await eventsOf(current, "reinstated")
        expect(reinstated).toHaveLength(2)
        expect(reinstated.every((e) => e.actor_type === "system" && (e.data as any).reason === "dispute_won")).toBe(true)
        expect((await verify(licenseModule.revealKey(current[1]))).data.code).toBe("valid")
        expect(current.map((l) => (l as LicenseDTO & { suspension: string | null }).suspension)).toEqual(
          current.map((l) => (l.id === adminSuspended.id ? "manual" : null))
        )
        const disputed = current.filter((l) => l.id !== adminSuspended.id)
        expect((await publishedFor("license.suspended", current)).map((e) => e.data.id).sort()).toEqual(
          disputed.map((l) => l.id).sort()
        )
        expect((await publishedFor("license.reinstated", current)).map((e) => e.data)).toEqual(
          expect.arrayContaining(disputed.map((l) => ({ id: l.id, order_id: order.id, reason: "dispute_won" })))
        )
        expect(await publishedFor("license.reinstated", current)).toHaveLength(2)
      })

      it("never reinstates a revoked key: a refund during a dispute wins", async () => {
        const { order, paymentIntentId, amountCents } = await stripeOrder([{ variant: "5 sites", quantity: 1 }])
        const disputeId = ids("dp")
        await deliver(dispute("charge.dispute.created", paymentIntentId, disputeId, "needs_response"))
        expect((await licensesOf(order.id))[0].status).toBe("suspended")
        expect((await deliver(chargeRefunded(paymentIntentId, amountCents, amountCents))).data).toMatchObject({ changed: 1 })
        const res = await deliver(dispute("charge.dispute.closed", paymentIntentId, disputeId, "won"))
        expect(res.data).toMatchObject({ changed: 0 })
        const [license] = await licensesOf(order.id)
        expect(license.status).toBe("revoked")
        expect((await eventsOf([license], "revoked"))[0].data).toMatchObject({ previous_status: "suspended" })
      })

      it("revokes once when Stripe reports the refund of an order already canceled in Medusa", async () => {
        const { order, paymentIntentId, amountCents } = await stripeOrder([{ variant: "Single site", quantity: 2 }])
        const auth = await adminHeaders(api, store)
        await api.post(`/admin/orders/${order.id}/cancel`, {}, auth)
        await waitFor(() => licensesOf(order.id), (l) => l.every((x) => x.status === "revoked"))
        const res = await deliver(chargeRefunded(paymentIntentId, amountCents, amountCents))
        expect(res.data).toMatchObject({ order_id: order.id, changed: 0 })
        const after = await licensesOf(order.id)
        expectRevoked(after, "canceled")
        await expectOneRevokedEventEach(after, "canceled")
      })

      describe("idempotency by Stripe event id, and disputes whose events arrive out of order", () => {
        const statuses = async (orderId: string) => (await licensesOf(orderId)).map((l) => l.status)
        const stripeEventRows = (eventId: string) => licenseModule.listLicenseStripeEvents({ stripe_event_id: eventId })

        it("acts on an event id once: a redelivery after the admin reinstated a key suspends nothing again", async () => {
          const { order, licenses, paymentIntentId } = await stripeOrder([{ variant: "5 sites", quantity: 2 }])
          const created = dispute("charge.dispute.created", paymentIntentId, ids("dp"), "needs_response")
          expect((await deliver(created)).data).toMatchObject({ action: "suspend", changed: 2 })
          // The store owner looked at the dispute and gave one customer key back.
          await licenseModule.reinstateLicenses(
            { license_ids: [licenses[0].id] },
            { reason: "dispute" },
            { actor: { type: "admin", id: "user_test" }, reason: "admin" }
          )
          const again = await deliver(created)
          expect(again.status).toBe(200)
          expect(await statuses(order.id)).toEqual(["active", "suspended"])
          expect(again.data).toMatchObject({ received: true, action: "ignored", duplicate: true, changed: 0 })
          expect(await eventsOf(licenses, "suspended")).toHaveLength(2)
          expect(await publishedFor("license.suspended", licenses)).toHaveLength(2)
          const rows = await stripeEventRows(created.id)
          expect(rows).toHaveLength(1)
          expect(rows[0]).toMatchObject({ type: "charge.dispute.created", order_id: order.id })
        })

        it("answers 200 and changes nothing for a re-used event id with another payload", async () => {
          const { order, paymentIntentId, amountCents } = await stripeOrder([{ variant: "Single site", quantity: 1 }])
          const created = dispute("charge.dispute.created", paymentIntentId, ids("dp"), "needs_response")
          const first = chargeRefunded(paymentIntentId, amountCents, 100) // partial: the default revokeOn revokes
          expect((await deliver(first)).data).toMatchObject({ action: "revoke", changed: 1 })
          const other = await stripeOrder([{ variant: "Single site", quantity: 1 }])
          const reused = { ...chargeRefunded(other.paymentIntentId, amountCents, amountCents), id: first.id }
          const res = await deliver(reused)
          expect(res.status).toBe(200)
          expect(await statuses(other.order.id)).toEqual(["active"])
          expect(res.data).toMatchObject({ action: "ignored", duplicate: true, changed: 0 })
          const reusedDispute = { ...dispute("charge.dispute.created", other.paymentIntentId, ids("dp"), "needs_response"), id: created.id }
          await deliver(created)
          expect((await deliver(reusedDispute)).data).toMatchObject({ duplicate: true, changed: 0 })
          expect(await statuses(other.order.id)).toEqual(["active"])
          expect(await statuses(order.id)).toEqual(["revoked"])
        })

        it("a dispute already won suspends nothing when its charge.dispute.created arrives late", async () => {
          // Out of order: closed (won) first, then created.
          const early = await stripeOrder([{ variant: "5 sites", quantity: 2 }])
          const wonFirst = ids("dp")
          expect((await deliver(dispute("charge.dispute.closed", early.paymentIntentId, wonFirst, "won"))).data).toMatchObject({
            action: "reinstate",
            changed: 0,
          })
          const late = await deliver(dispute("charge.dispute.created", early.paymentIntentId, wonFirst, "needs_response"))
          expect(late.status).toBe(200)
          expect(await statuses(early.order.id)).toEqual(["active", "active"])
          expect(late.data).toMatchObject({ action: "ignored", changed: 0, reason: "dispute already closed as won" })
          expect(await eventsOf(early.licenses, "suspended")).toHaveLength(0)
          expect((await verify(licenseModule.revealKey(early.licenses[0]))).data.code).toBe("valid")

          // In order, then a late created of the same dispute under another event id: not suspended again.
          const { order, licenses, paymentIntentId } = await stripeOrder([{ variant: "5 sites", quantity: 1 }])
          const disputeId = ids("dp")
          await deliver(dispute("charge.dispute.created", paymentIntentId, disputeId, "needs_response"))
          await deliver(dispute("charge.dispute.closed", paymentIntentId, disputeId, "won"))
          expect(await statuses(order.id)).toEqual(["active"])
          const redelivered = await deliver(dispute("charge.dispute.created", paymentIntentId, disputeId, "needs_response"))
          expect(await statuses(order.id)).toEqual(["active"])
          expect(redelivered.data).toMatchObject({ action: "ignored", changed: 0 })
          expect(await eventsOf(licenses, "suspended")).toHaveLength(1)
          expect(await eventsOf(licenses, "reinstated")).toHaveLength(1)
        })

        it("a dispute already lost suspends on its late charge.dispute.created, the state the events in order leave", async () => {
          const { order, licenses, paymentIntentId } = await stripeOrder([{ variant: "5 sites", quantity: 1 }])
          const disputeId = ids("dp")
          expect((await deliver(dispute("charge.dispute.closed", paymentIntentId, disputeId, "lost"))).data).toMatchObject({
            action: "ignored",
            changed: 0,
          })
          expect((await deliver(dispute("charge.dispute.created", paymentIntentId, disputeId, "needs_response"))).data).toMatchObject({
            action: "suspend",
            changed: 1,
          })
          expect(await statuses(order.id)).toEqual(["suspended"])
          expect((await eventsOf(licenses, "suspended"))[0].data).toMatchObject({ reason: "dispute", dispute_id: disputeId })
        })

        it("a delivery that fails half-way records nothing, so Stripe's retry acts", async () => {
          const { order, paymentIntentId } = await stripeOrder([{ variant: "5 sites", quantity: 2 }])
          const created = dispute("charge.dispute.created", paymentIntentId, ids("dp"), "needs_response")
          // The suspension fails after the event id and the dispute were written in its transaction.
          const crash = jest.spyOn(licenseModule, "suspendLicenses").mockRejectedValue(new Error("connection lost"))
          try {
            expect((await deliver(created)).status).toBe(500)
            expect(crash).toHaveBeenCalled()
          } finally {
            crash.mockRestore()
          }
          expect(await stripeEventRows(created.id)).toHaveLength(0)
          expect(await licenseModule.listLicenseStripeDisputes({ dispute_id: (created.data.object as { id: string }).id })).toHaveLength(0)
          expect(await statuses(order.id)).toEqual(["active", "active"])
          const retry = await deliver(created)
          expect(retry.data).toMatchObject({ action: "suspend", changed: 2, duplicate: false })
          expect(await statuses(order.id)).toEqual(["suspended", "suspended"])
          expect(await stripeEventRows(created.id)).toHaveLength(1)
        })
      })

      it("revokes each key exactly once under concurrent deliveries", async () => {
        const { order, paymentIntentId, amountCents } = await stripeOrder([{ variant: "5 sites", quantity: 3 }])
        const event = chargeRefunded(paymentIntentId, amountCents, amountCents)
        const results = await Promise.all(Array.from({ length: 6 }, () => deliver(event)))
        expect(results.every((r) => r.status === 200)).toBe(true)
        expect(results.reduce((n, r) => n + r.data.changed, 0)).toBe(3)
        await expectOneRevokedEventEach(await licensesOf(order.id), "refund")
        expect(await publishedFor("license.revoked", await licensesOf(order.id))).toHaveLength(3)
      })
    })
  },
})
