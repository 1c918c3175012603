// This file's server uses our test double of an e-mail service (switchable to fail).
process.env.LICENSE_TEST_NOTIFICATION_PROVIDER = "true"

import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import retryLicenseIssuedEmails from "../../src/jobs/retry-license-issued-emails"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import { FAIL_SWITCH } from "../notification-provider"
import { licensesOfOrder } from "../helpers/licenses"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const MINUTE = 60 * 1000
const later = (ms: number) => new Date(Date.now() + ms)

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
    afterEach(() => {
      delete process.env[FAIL_SWITCH]
      jest.restoreAllMocks()
    })

    /** Everything the server logs from now on (the logger's lines, errors with their stacks). */
    function captureLogs() {
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER) as unknown as Record<string, unknown>
      const lines: string[] = []
      for (const level of ["info", "warn", "error", "debug", "log"]) {
        if (typeof logger[level] === "function") {
          jest.spyOn(logger as Record<string, (...args: unknown[]) => unknown>, level).mockImplementation((...args: unknown[]) => {
            lines.push(
              args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")
            )
          })
        }
      }
      return lines
    }

    const licensesOf = (orderId: string) => licensesOfOrder(licenseModule, orderId)
    const noticeOf = (orderId: string) => licenseModule.retrieveIssuanceNotice(orderId)
    const notificationsTo = async (to: string) =>
      (
        await dbConnection.raw(`SELECT id, status, idempotency_key, data FROM notification WHERE "to" = ? ORDER BY created_at`, [
          to,
        ])
      ).rows as { id: string; status: string; idempotency_key: string; data: any }[]

    /** Neither a key, nor its body, nor a part of it beyond the hint, in any notification or notice row. */
    async function expectNoKeyAtRest(keys: string[]) {
      const { rows: notifications } = await dbConnection.raw("SELECT * FROM notification")
      const { rows: notices } = await dbConnection.raw("SELECT * FROM license_issuance_notice")
      const atRest = JSON.stringify([notifications, notices])
      for (const key of keys) {
        const body = key.replace(/^CP-/, "").replace(/-/g, "")
        expect(atRest).not.toContain(key)
        expect(atRest).not.toContain(body)
        expect(atRest).not.toContain(key.split("-").slice(1, 3).join("-"))
        expect(atRest).not.toContain(body.slice(0, 10))
      }
    }

    async function placeFailingOrder(email: string, quantity = 2) {
      process.env[FAIL_SWITCH] = "mailbox unavailable"
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity }], { email })
      const licenses = await waitFor(() => licensesOf(order.id), (l) => l.length >= quantity)
      const notice = await waitFor(() => noticeOf(order.id), (n) => n?.status === "failed")
      return { order, licenses, keys: licenses.map((l) => licenseModule.revealKey(l)), notice: notice! }
    }

    it("keeps the keys issued and stores no key when the e-mail fails; the admin sees it; the retry job sends it once", async () => {
      const logs = captureLogs()
      const { order, licenses, keys, notice } = await placeFailingOrder("fails@example.com")

      // Issuance did not roll back: the keys exist and verify.
      expect(licenses).toHaveLength(2)
      for (const key of keys) {
        const { data } = await api.post("/licenses/verify", { license_key: key, domain: "shop.example" })
        expect(data).toMatchObject({ valid: true, code: "valid" })
      }

      // The failed attempt is recorded, with the provider's error, redacted.
      expect(notice).toMatchObject({ status: "failed", attempts: 1, sends: 1 })
      expect(notice.last_error).toContain("554 message rejected (mailbox unavailable)")
      expect(notice.last_error).toContain(`…-${licenses[0].key_hint}`)
      const nextAttempt = new Date(notice.next_attempt_at!).getTime() - new Date(notice.last_attempt_at!).getTime()
      expect(nextAttempt).toBeGreaterThanOrEqual(1 * MINUTE)
      expect(nextAttempt).toBeLessThanOrEqual(2 * MINUTE)

      // Medusa kept the failed notification row: with hints, not keys.
      const failed = await notificationsTo("fails@example.com")
      expect(failed.map((n) => [n.status, n.idempotency_key])).toEqual([["failure", `license-issued:${order.id}:1`]])
      expect(failed[0].data.licenses.map((l: any) => l.key).sort()).toEqual(licenses.map((l) => `…-${l.key_hint}`).sort())
      await expectNoKeyAtRest(keys)

      const auth = await adminHeaders(api, store)
      const shown = await api.get(`/admin/orders/${order.id}/license-notice`, auth)
      expect(shown.status).toBe(200)
      expect(shown.data.notice).toMatchObject({
        order_id: order.id,
        status: "failed",
        attempts: 1,
        max_attempts: 5,
        sent_at: null,
      })
      expect(shown.data.notice.next_attempt_at).not.toBeNull()
      expect(shown.data.notice.last_error).toContain("554 message rejected")

      // Still failing: the job's retry fails too, and the next one waits for its backoff.
      const inThreeMinutes = later(3 * MINUTE)
      expect(await retryLicenseIssuedEmails(getContainer(), inThreeMinutes)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 })
      expect(await retryLicenseIssuedEmails(getContainer(), inThreeMinutes)).toMatchObject({ claimed: 0 })
      expect(await noticeOf(order.id)).toMatchObject({ status: "failed", attempts: 2 })

      // The provider is back: two job runs at once (two instances) send it exactly once.
      delete process.env[FAIL_SWITCH]
      const inTenMinutes = later(10 * MINUTE)
      const runs = await Promise.all([
        retryLicenseIssuedEmails(getContainer(), inTenMinutes),
        retryLicenseIssuedEmails(getContainer(), inTenMinutes),
      ])
      expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(1)
      expect(runs.reduce((sum, r) => sum + r.claimed, 0)).toBe(1)
      expect(await retryLicenseIssuedEmails(getContainer(), later(120 * MINUTE))).toMatchObject({ claimed: 0 })

      const all = await notificationsTo("fails@example.com")
      expect(all.map((n) => n.status)).toEqual(["failure", "failure", "success"])
      expect(all.filter((n) => n.status === "success")[0].idempotency_key).toBe(`license-issued:${order.id}:3`)
      await expectNoKeyAtRest(keys)

      const sent = await api.get(`/admin/orders/${order.id}/license-notice`, auth)
      expect(sent.data.notice).toMatchObject({ status: "sent", attempts: 3, last_error: null, next_attempt_at: null })
      expect(sent.data.notice.sent_at).not.toBeNull()

      // The failures were logged, the successful send too (by the provider), never with a key.
      expect(logs.filter((l) => l.includes(`keys of order ${order.id} failed (attempt`))).toHaveLength(2)
      expect(logs.some((l) => l.includes("Test notification to fails@example.com"))).toBe(true)
      for (const key of keys) {
        expect(logs.join("\n")).not.toContain(key.replace(/^CP-/, "").slice(0, 11))
        expect(logs.join("\n")).not.toContain(key.replace(/^CP-/, "").replace(/-/g, ""))
      }
    })

    it("gives up after five attempts; Resend keys sends again with fresh attempts, also once they were sent", async () => {
      const { order, keys } = await placeFailingOrder("gives-up@example.com", 1)
      for (let run = 1; run <= 4; run++) {
        expect(await retryLicenseIssuedEmails(getContainer(), later(run * 120 * MINUTE))).toMatchObject({ claimed: 1 })
      }
      const exhausted = await noticeOf(order.id)
      expect(exhausted).toMatchObject({ status: "failed", attempts: 5, next_attempt_at: null })
      expect(await retryLicenseIssuedEmails(getContainer(), later(24 * 60 * MINUTE))).toMatchObject({ claimed: 0 })
      expect((await notificationsTo("gives-up@example.com")).map((n) => n.status)).toEqual(Array(5).fill("failure"))

      const auth = await adminHeaders(api, store)
      const shown = await api.get(`/admin/orders/${order.id}/license-notice`, auth)
      expect(shown.data.notice).toMatchObject({ status: "failed", attempts: 5, max_attempts: 5, next_attempt_at: null })

      // Resend while the provider still fails: a new cycle, its first attempt recorded.
      const stillFailing = await api.post(`/admin/orders/${order.id}/license-notice/resend`, {}, auth)
      expect(stillFailing.status).toBe(200)
      expect(stillFailing.data.notice).toMatchObject({ status: "failed", attempts: 1 })
      expect(stillFailing.data.notice.next_attempt_at).not.toBeNull()

      delete process.env[FAIL_SWITCH]
      const resent = await api.post(`/admin/orders/${order.id}/license-notice/resend`, {}, auth)
      expect(resent.status).toBe(200)
      expect(resent.data.notice).toMatchObject({ status: "sent", attempts: 1, last_error: null })
      // A customer who lost the mail: Resend works after a successful send too.
      const again = await api.post(`/admin/orders/${order.id}/license-notice/resend`, {}, auth)
      expect(again.data.notice).toMatchObject({ status: "sent", attempts: 1 })

      const rows = await notificationsTo("gives-up@example.com")
      expect(rows.filter((n) => n.status === "success").map((n) => n.idempotency_key)).toEqual([
        `license-issued:${order.id}:7`,
        `license-issued:${order.id}:8`,
      ])
      await expectNoKeyAtRest(keys)
    })

    it("sends the e-mail at once when the provider works, with hints stored", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }], {
        email: "works@example.com",
      })
      const [license] = await waitFor(() => licensesOf(order.id), (l) => l.length >= 1)
      const notice = await waitFor(() => noticeOf(order.id), (n) => n?.status === "sent")
      expect(notice).toMatchObject({ attempts: 1, sends: 1, last_error: null })
      const rows = await notificationsTo("works@example.com")
      expect(rows.map((n) => [n.status, n.idempotency_key])).toEqual([["success", `license-issued:${order.id}:1`]])
      expect(rows[0].data.licenses[0].key).toBe(`…-${license.key_hint}`)
      await expectNoKeyAtRest([licenseModule.revealKey(license)])
    })

    it("refuses Resend with a typed 4xx, writing nothing: unknown order, order without keys, an attempt under way", async () => {
      const auth = await adminHeaders(api, store)
      const unknown = await api.post(`/admin/orders/order_missing/license-notice/resend`, {}, { ...auth, validateStatus: () => true })
      expect(unknown.status).toBe(404)
      expect(unknown.data.type).toBe("not_found")
      const unknownState = await api.get(`/admin/orders/order_missing/license-notice`, { ...auth, validateStatus: () => true })
      expect(unknownState.status).toBe(404)
      expect(await dbConnection.raw("SELECT count(*)::int AS n FROM license_issuance_notice WHERE order_id = 'order_missing'")).toMatchObject({
        rows: [{ n: 0 }],
      })

      await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: store.variants["Unlimited sites"], licensed: false, max_activations: 0, term_days: null }] },
        auth
      )
      const unlicensed = await placeOrder(api, store, [{ variant_id: store.variants["Unlimited sites"], quantity: 1 }], {
        email: "nokeys@example.com",
      })
      const noKeys = await api.post(`/admin/orders/${unlicensed.id}/license-notice/resend`, {}, { ...auth, validateStatus: () => true })
      expect(noKeys.status).toBe(400)
      expect(noKeys.data).toMatchObject({ code: "order_without_license_keys", type: "not_allowed" })
      expect((await api.get(`/admin/orders/${unlicensed.id}/license-notice`, auth)).data).toEqual({ notice: null })

      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }], {
        email: "busy@example.com",
      })
      await waitFor(() => noticeOf(order.id), (n) => n?.status === "sent")
      await dbConnection.raw(
        `UPDATE license_issuance_notice SET status = 'sending', lease_until = now() + interval '5 minutes' WHERE order_id = ?`,
        [order.id]
      )
      const busy = await api.post(`/admin/orders/${order.id}/license-notice/resend`, {}, { ...auth, validateStatus: () => true })
      expect(busy.status).toBe(400)
      expect(busy.data).toMatchObject({ code: "license_email_sending", type: "not_allowed" })
      expect(await noticeOf(order.id)).toMatchObject({ status: "sending", attempts: 1, sends: 1 })
      expect(await notificationsTo("busy@example.com")).toHaveLength(1)
    })
  },
})
