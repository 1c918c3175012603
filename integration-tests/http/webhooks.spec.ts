// Webhooks against a real server, database and receivers (real node http
// servers on loopback). medusa-config.ts reads these when the runner boots the
// app, so they are set first (the runner's `env` option comes too late):
// loopback receivers need private networks allowed, and short delays keep the
// retry tests fast. webhooks-private-network.spec.ts boots without the option.
process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "true"
process.env.LICENSE_WEBHOOKS_BACKOFF_BASE_MS = "200"
process.env.LICENSE_WEBHOOKS_BACKOFF_MAX_MS = "800"
process.env.LICENSE_WEBHOOKS_TIMEOUT_MS = "1500"
process.env.LICENSE_WEBHOOKS_MAX_ATTEMPTS = "4"
process.env.LICENSE_WEBHOOKS_POLL_INTERVAL_MS = "200"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosError } from "axios"
import { createHmac, timingSafeEqual } from "node:crypto"
import type LicenseModuleService from "../../src/modules/license/service"
import { WEBHOOK_EVENT_TYPES } from "../../src/modules/license/webhooks/events"
import { activate, customerAccount } from "../helpers/customer-licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { issueLicense } from "../helpers/licenses"
import { median } from "../helpers/stats"
import { sleep, waitFor } from "../helpers/wait"
import { type Receiver, startReceiver, verifyWithLibrary } from "../helpers/webhook-receiver"

jest.setTimeout(180 * 1000)

type Auth = { headers: Record<string, string> }

/** What docs/webhooks.md tells a receiver to do, written out independently of the plugin's code. */
function verifySignature(secret: string, rawBody: string, header: string | undefined, toleranceSeconds = 300) {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !parts.v1) {
    return false
  }
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest()
  const given = Buffer.from(parts.v1, "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Another valid Standard Webhooks secret of the same shape (the last key byte changed). */
function rotatedLookalike(secret: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64")
  key[key.length - 1] ^= 1
  return `whsec_${key.toString("base64")}`
}


medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let admin: Auth
    const receivers: Receiver[] = []
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    beforeEach(async () => {
      admin = await adminHeaders(api, store)
    })

    afterEach(async () => {
      await Promise.all(receivers.splice(0).map((r) => r.close()))
    })

    async function receiver(...args: Parameters<typeof startReceiver>) {
      const started = await startReceiver(...args)
      receivers.push(started)
      return started
    }

    async function createWebhook(url: string, events: readonly string[] = WEBHOOK_EVENT_TYPES, enabled = true) {
      const res = await api.post("/admin/license-webhooks", { url, events, enabled }, admin)
      expect(res.status).toBe(201)
      return res.data as { webhook: { id: string; secret_hint: string }; secret: string }
    }

    async function issueByHand(email = "alice@example.com") {
      const customer = await customerAccount(api, store, email)
      const res = await api.post(
        "/admin/licenses",
        { customer_id: customer.id, variant_id: store.variants["5 sites"] },
        admin
      )
      return { customer, license: res.data.license as { id: string; key: string; key_hint: string } }
    }

    async function deliveries(webhookId: string) {
      const res = await api.get(`/admin/license-webhooks/${webhookId}/deliveries?limit=100`, admin)
      return res.data.deliveries as any[]
    }

    it("an event is wanted only when an enabled endpoint subscribed to its type (otherwise no workflow runs)", async () => {
      expect(await licenses().hasWebhookEndpointFor("license.activated")).toBe(false)
      const inbox = await receiver()
      const disabled = await createWebhook(inbox.url, ["license.activated"], false)
      const other = await createWebhook(inbox.url, ["license.revoked"])
      expect(await licenses().hasWebhookEndpointFor("license.activated")).toBe(false)
      expect(await licenses().hasWebhookEndpointFor("license.revoked")).toBe(true)
      const wanted = await createWebhook(inbox.url, ["license.issued", "license.activated"])
      expect(await licenses().hasWebhookEndpointFor("license.activated")).toBe(true)
      for (const { webhook } of [disabled, other, wanted]) {
        expect((await api.delete(`/admin/license-webhooks/${webhook.id}`, admin)).status).toBe(200)
      }
      expect(await licenses().hasWebhookEndpointFor("license.revoked")).toBe(false)
    })

    it("signs real deliveries; the payload has the key hint, never the key; the secret is shown once", async () => {
      const inbox = await receiver()
      const { webhook, secret } = await createWebhook(inbox.url)
      // Standard Webhooks form: whsec_ + base64 of 32 random bytes.
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      expect(webhook.secret_hint).toBe(secret.slice(-4))

      const listed = await api.get("/admin/license-webhooks", admin)
      expect(listed.data.webhooks).toHaveLength(1)
      expect(listed.data.event_types).toEqual([...WEBHOOK_EVENT_TYPES])
      expect(JSON.stringify(listed.data)).not.toContain(secret)
      expect(listed.data.webhooks[0]).not.toHaveProperty("secret_encrypted")
      const [stored] = await licenses().listLicenseWebhookEndpoints({ id: webhook.id })
      expect(stored.secret_encrypted).not.toContain(secret.slice(6))

      const { license } = await issueByHand()
      await waitFor(async () => inbox.received.length, (n) => n >= 1)
      await api.post(`/admin/licenses/${license.id}`, { max_activations: 7 }, admin)
      await api.post(`/admin/licenses/${license.id}/suspend`, { reason: "checking" }, admin)
      await api.post(`/admin/licenses/${license.id}/reinstate`, {}, admin)
      await api.post(`/admin/licenses/${license.id}/revoke`, { reason: "refund by phone" }, admin)
      await waitFor(async () => inbox.received.length, (n) => n >= 5)
      await sleep(500)
      expect(inbox.received).toHaveLength(5)

      const types = inbox.events().map((e) => e.type)
      expect(types).toEqual(["license.issued", "license.updated", "license.suspended", "license.reinstated", "license.revoked"])
      for (const request of inbox.received) {
        expect(verifySignature(secret, request.body, request.headers["x-license-signature"] as string)).toBe(true)
        expect(verifySignature(`${secret}x`, request.body, request.headers["x-license-signature"] as string)).toBe(false)
        expect(verifySignature(secret, request.body.replace("license", "licence"), request.headers["x-license-signature"] as string)).toBe(false)
        // Standard Webhooks: the stock library accepts the real delivery, and only with its secret and body.
        expect(verifyWithLibrary(secret, request)).toEqual(JSON.parse(request.body))
        expect(() => verifyWithLibrary(rotatedLookalike(secret), request)).toThrow("No matching signature found")
        expect(() => verifyWithLibrary(secret, { ...request, body: request.body.replace("license", "licence") })).toThrow(
          "No matching signature found"
        )
        expect(request.headers["webhook-id"]).toMatch(/^lwhd_/)
        expect(request.headers["webhook-id"]).toBe(request.headers["x-license-delivery"])
        expect(request.headers["x-license-signature"]).toContain(`t=${request.headers["webhook-timestamp"]},`)
        expect(request.headers["content-type"]).toBe("application/json")
        // Never the key, in any form.
        expect(request.body).not.toContain(license.key)
        expect(request.body).not.toContain(license.key.replace(/-/g, "").slice(2))
        const event = JSON.parse(request.body)
        expect(request.headers["x-license-event"]).toBe(event.type)
        expect(event).toEqual({
          id: expect.stringMatching(/^evt_/),
          type: expect.any(String),
          timestamp: expect.any(String),
          data: expect.objectContaining({
            license: expect.objectContaining({ id: license.id, key_hint: license.key_hint, customer_email: "alice@example.com" }),
          }),
        })
        expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(60_000)
        expect(event.data.license).not.toHaveProperty("key")
      }
      const events = inbox.events()
      expect(new Set(events.map((e) => e.id)).size).toBe(5)
      expect(events[1].data.changes).toEqual({ max_activations: { from: 5, to: 7 } })
      expect(events[1].data.license.max_activations).toBe(7)
      expect(events[4].data).toMatchObject({ reason: "refund by phone", license: { status: "revoked" } })

      const recorded = await deliveries(webhook.id)
      expect(recorded).toHaveLength(5)
      for (const delivery of recorded) {
        expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, response_code: 200, last_error: null })
        expect(delivery.delivered_at).toEqual(expect.any(String))
      }
      expect(recorded.map((d) => d.event_id).sort()).toEqual(events.map((e) => e.id).sort())
    })

    it("sends only the events an endpoint subscribed to, and nothing to a disabled endpoint", async () => {
      const revocations = await receiver()
      const disabled = await receiver()
      await createWebhook(revocations.url, ["license.revoked"])
      const off = await createWebhook(disabled.url, WEBHOOK_EVENT_TYPES, false)

      const { license } = await issueByHand()
      await api.post(`/admin/licenses/${license.id}`, { notes: "VIP" }, admin)
      await api.post(`/admin/licenses/${license.id}/revoke`, { reason: "fraud" }, admin)
      await waitFor(async () => revocations.received.length, (n) => n >= 1)
      await sleep(800)
      expect(revocations.events().map((e) => e.type)).toEqual(["license.revoked"])
      expect(disabled.received).toHaveLength(0)

      const enabled = await api.post(`/admin/license-webhooks/${off.webhook.id}`, { enabled: true }, admin)
      expect(enabled.data.webhook.enabled).toBe(true)
      await api.post(`/admin/licenses/${license.id}`, { notes: "still VIP" }, admin)
      await waitFor(async () => disabled.received.length, (n) => n >= 1)
      expect(disabled.events().map((e) => e.type)).toEqual(["license.updated"])
      expect(verifySignature(off.secret, disabled.received[0].body, disabled.received[0].headers["x-license-signature"] as string)).toBe(true)
    })

    it("rotates the secret: shown once, and later deliveries are signed with the new one only", async () => {
      const inbox = await receiver()
      const { webhook, secret } = await createWebhook(inbox.url, ["license.updated"])
      const rotated = await api.post(`/admin/license-webhooks/${webhook.id}/rotate-secret`, {}, admin)
      expect(rotated.status).toBe(200)
      const next = rotated.data.secret as string
      expect(next).toMatch(/^whsec_/)
      expect(next).not.toBe(secret)
      expect(rotated.data.webhook.secret_hint).toBe(next.slice(-4))
      const shown = await api.get(`/admin/license-webhooks/${webhook.id}`, admin)
      expect(JSON.stringify(shown.data)).not.toContain(next)

      const { license } = await issueByHand()
      await api.post(`/admin/licenses/${license.id}`, { notes: "rotated" }, admin)
      await waitFor(async () => inbox.received.length, (n) => n >= 1)
      const [request] = inbox.received
      expect(verifySignature(next, request.body, request.headers["x-license-signature"] as string)).toBe(true)
      expect(verifySignature(secret, request.body, request.headers["x-license-signature"] as string)).toBe(false)
      expect(next).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      expect(verifyWithLibrary(next, request)).toEqual(JSON.parse(request.body))
      expect(() => verifyWithLibrary(secret, request)).toThrow("No matching signature found")
    })

    it("a receiver that fails twice then succeeds gets exactly one successful delivery, with the attempts recorded", async () => {
      const flaky = await receiver((n) => (n < 2 ? 500 : 200))
      const { webhook, secret } = await createWebhook(flaky.url, ["license.issued"])
      await issueByHand()

      const [delivery] = await waitFor(
        () => deliveries(webhook.id),
        (rows) => rows.length === 1 && rows[0].status === "succeeded",
        20_000
      )
      await sleep(1000) // nothing more arrives
      expect(flaky.received).toHaveLength(3)
      expect(flaky.received.map((r) => r.answered)).toEqual([500, 500, 200])
      expect(flaky.received.filter((r) => r.answered === 200)).toHaveLength(1)
      // The same delivery each time: same event id, same delivery id, each attempt signed afresh.
      const ids = flaky.events().map((e) => e.id)
      expect(new Set(ids)).toEqual(new Set([delivery.event_id]))
      expect(new Set(flaky.received.map((r) => r.headers["x-license-delivery"]))).toEqual(new Set([delivery.id]))
      // webhook-id is the delivery's id on every attempt, so a receiver can dedupe on it.
      expect(flaky.received.map((r) => r.headers["webhook-id"])).toEqual([delivery.id, delivery.id, delivery.id])
      for (const request of flaky.received) {
        expect(verifySignature(secret, request.body, request.headers["x-license-signature"] as string)).toBe(true)
        expect(verifyWithLibrary(secret, request)).toEqual(JSON.parse(request.body))
      }
      expect(delivery).toMatchObject({ status: "succeeded", attempts: 3, response_code: 200, last_error: null })
      // Backed off between attempts (base 200 ms, jitter: at least half of it, then doubling).
      expect(flaky.received[1].at - flaky.received[0].at).toBeGreaterThanOrEqual(90)
      expect(flaky.received[2].at - flaky.received[1].at).toBeGreaterThanOrEqual(190)
    })

    it("stops after the bounded number of attempts, records why, and Resend starts a fresh cycle", async () => {
      const down = await receiver(() => 503)
      const { webhook } = await createWebhook(down.url, ["license.issued"])
      await issueByHand()

      const [failed] = await waitFor(
        () => deliveries(webhook.id),
        (rows) => rows.length === 1 && rows[0].status === "failed",
        20_000
      )
      await sleep(1000)
      expect(down.received).toHaveLength(4) // LICENSE_WEBHOOKS_MAX_ATTEMPTS
      expect(failed).toMatchObject({
        status: "failed",
        attempts: 4,
        response_code: 503,
        last_error: "HTTP 503: receiver says no",
        next_attempt_at: null,
        delivered_at: null,
      })

      down.setBehaviour(() => 204)
      const resent = await api.post(`/admin/license-webhooks/${webhook.id}/deliveries/${failed.id}/resend`, {}, admin)
      expect(resent.status).toBe(202)
      const [succeeded] = await waitFor(
        () => deliveries(webhook.id),
        (rows) => rows[0].status === "succeeded"
      )
      expect(succeeded).toMatchObject({ id: failed.id, attempts: 1, response_code: 204 })
      expect(down.received).toHaveLength(5)
      expect(new Set(down.events().map((e) => e.id)).size).toBe(1)
      // The Resend keeps the delivery's webhook-id: the receiver sees the same message again.
      expect(new Set(down.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([failed.id]))

      const unknown = await api.post(`/admin/license-webhooks/${webhook.id}/deliveries/lwhd_nope/resend`, {}, admin).catch((e: AxiosError) => e.response)
      expect(unknown.status).toBe(404)
    })

    it("a hanging receiver does not slow down Verify", async () => {
      const fast = await receiver(() => 200)
      const hanging = await receiver(() => "hang")
      const { webhook } = await createWebhook(fast.url, ["license.activated"])
      const { key } = await issueLicense(getContainer(), { max_activations: 0 })

      const N = 40
      const measure = async (label: string) => {
        const times: number[] = []
        for (let i = 0; i < N; i++) {
          const started = process.hrtime.bigint()
          expect(await activate(api, key, `${label}-${i}.example.com`)).toBe("valid")
          times.push(Number(process.hrtime.bigint() - started) / 1e6)
        }
        return times
      }

      await measure("warmup")
      await waitFor(async () => fast.received.length, (n) => n >= N, 20_000)
      const before = await measure("before")
      await waitFor(async () => fast.received.length, (n) => n >= 2 * N, 20_000)

      await api.post(`/admin/license-webhooks/${webhook.id}`, { url: hanging.url }, admin)
      const during = await measure("during")
      // The receiver really was hanging on deliveries while Verify answered.
      expect(hanging.received.length).toBeGreaterThan(0)
      expect(hanging.received.every((r) => r.answered === null)).toBe(true)

      const ratio = median(during) / median(before)
      console.info(
        `Verify with a hanging webhook receiver: median ${median(during).toFixed(1)} ms vs ${median(before).toFixed(1)} ms before (x${ratio.toFixed(2)})`
      )
      expect(median(during)).toBeLessThan(median(before) * 3 + 25)

      // The hanging attempts time out and are queued for a retry.
      const timedOut = await waitFor(
        () => deliveries(webhook.id),
        (rows) => rows.some((r) => r.last_error === "Timed out after 1500 ms"),
        20_000
      )
      expect(timedOut.find((r) => r.last_error === "Timed out after 1500 ms")).toMatchObject({ response_code: null })
    })

    it("sends license.activated, license.deactivated, aggregated license.activation_refused and license.expired once", async () => {
      const inbox = await receiver()
      await createWebhook(inbox.url, ["license.activated", "license.deactivated", "license.activation_refused", "license.expired"])
      const single = await issueLicense(getContainer(), { max_activations: 1 })
      const expired = await issueLicense(getContainer(), { expires_at: new Date(Date.now() - 60_000) })

      expect(await activate(api, single.key, "one.example.com")).toBe("valid")
      expect(await activate(api, single.key, "one.example.com")).toBe("valid") // known: no event
      for (let i = 0; i < 5; i++) {
        expect(await activate(api, single.key, `other-${i}.example.com`)).toBe("max_activations_exceeded")
      }
      for (let i = 0; i < 3; i++) {
        expect(await activate(api, expired.key, `site-${i}.example.com`)).toBe("expired")
      }
      const deactivated = await api.post("/licenses/deactivate", { license_key: single.key, domain: "one.example.com" })
      expect(deactivated.data.code).toBe("deactivated")

      await waitFor(async () => inbox.received.length, (n) => n >= 5)
      await sleep(800)
      const events = inbox.events()
      const ofType = (type: string) => events.filter((e) => e.type === type)
      expect(ofType("license.activated")).toHaveLength(1)
      expect(ofType("license.activated")[0].data).toMatchObject({
        activation: { kind: "domain", identifier: "one.example.com" },
        activations_used: 1,
        license: { id: single.license.id, activations_used: 1 },
      })
      // Refusals are aggregated: one event per license and reason per window, however many requests.
      expect(ofType("license.activation_refused").map((e) => [e.data.license.id, e.data.reason])).toEqual(
        expect.arrayContaining([
          [single.license.id, "max_activations_exceeded"],
          [expired.license.id, "expired"],
        ])
      )
      expect(ofType("license.activation_refused")).toHaveLength(2)
      expect(ofType("license.expired")).toHaveLength(1)
      expect(ofType("license.expired")[0].data).toMatchObject({
        license: { id: expired.license.id, status: "expired" },
        expires_at: expired.license.expires_at!.toISOString(),
      })
      expect(ofType("license.deactivated")).toHaveLength(1)
      expect(ofType("license.deactivated")[0].data).toMatchObject({
        activation: { kind: "domain", identifier: "one.example.com" },
        activations_used: 0,
      })
    })

    it("sends license.deactivated when the admin frees a slot or resets all", async () => {
      const inbox = await receiver()
      await createWebhook(inbox.url, ["license.deactivated"])
      const five = await issueLicense(getContainer(), { max_activations: 5 })
      for (const domain of ["a.example.com", "b.example.com", "c.example.com"]) {
        expect(await activate(api, five.key, domain)).toBe("valid")
      }
      const detail = await api.get(`/admin/licenses/${five.license.id}`, admin)
      const held = detail.data.license.activations.find((a: any) => a.identifier === "a.example.com")
      await api.delete(`/admin/licenses/${five.license.id}/activations/${held.id}`, admin)
      await api.post(`/admin/licenses/${five.license.id}/reset`, {}, admin)

      await waitFor(async () => inbox.received.length, (n) => n >= 3)
      await sleep(500)
      const freed = inbox.events().filter((e) => e.type === "license.deactivated")
      expect(freed.map((e) => e.data.activation.identifier).sort()).toEqual([
        "a.example.com",
        "b.example.com",
        "c.example.com",
      ])
      expect(freed.every((e) => e.data.license.id === five.license.id)).toBe(true)
    })

    it("sends license.deactivated when the customer frees a slot in the storefront", async () => {
      const inbox = await receiver()
      await createWebhook(inbox.url, ["license.deactivated"])
      const { customer, license } = await issueByHand("carol@example.com")
      expect(await activate(api, license.key, "shop.example.com")).toBe("valid")
      const detail = await api.get(`/admin/licenses/${license.id}`, admin)
      const held = detail.data.license.activations.find((a: any) => a.identifier === "shop.example.com")
      const freed = await api.delete(`/store/customers/me/licenses/${license.id}/activations/${held.id}`, {
        headers: { "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${customer.token}` },
      })
      expect(freed.status).toBe(200)

      await waitFor(async () => inbox.received.length, (n) => n >= 1)
      await sleep(500)
      const events = inbox.events()
      expect(events.map((e) => e.type)).toEqual(["license.deactivated"])
      expect(events[0].data).toMatchObject({
        license: { id: license.id, activations_used: 0 },
        activation: { id: held.id, kind: "domain", identifier: "shop.example.com" },
        activations_used: 0,
      })
    })

    it("sends license.transferred on an admin's direct transfer (to a customer picked by id: moved at once)", async () => {
      const inbox = await receiver()
      await createWebhook(inbox.url, ["license.transferred"])
      const { customer, license } = await issueByHand()
      const bob = await customerAccount(api, store, "bob@example.com")
      const res = await api.post(
        "/admin/license-transfers",
        { license_id: license.id, to_customer_id: bob.id, note: "gift" },
        admin
      )
      expect(res.status).toBe(200)
      expect(res.data.to_customer_id).toBe(bob.id)
      await waitFor(async () => inbox.received.length, (n) => n >= 1)
      const [event] = inbox.events()
      expect(event.type).toBe("license.transferred")
      expect(event.data).toMatchObject({
        from_customer_id: customer.id,
        to_customer_id: res.data.to_customer_id,
        transfer_request_id: res.data.transfer.id,
        license: { id: license.id, customer_email: "bob@example.com", customer_id: res.data.to_customer_id },
      })
    })

    it("validates endpoints, and deleting one removes its deliveries", async () => {
      const bad = await api
        .post("/admin/license-webhooks", { url: "ftp://example.com/in", events: ["license.issued"] }, admin)
        .catch((e: AxiosError) => e.response)
      expect(bad.status).toBe(400)
      const noEvents = await api
        .post("/admin/license-webhooks", { url: "https://example.com/in", events: [] }, admin)
        .catch((e: AxiosError) => e.response)
      expect(noEvents.status).toBe(400)
      const unknownEvent = await api
        .post("/admin/license-webhooks", { url: "https://example.com/in", events: ["license.hacked"] }, admin)
        .catch((e: AxiosError) => e.response)
      expect(unknownEvent.status).toBe(400)

      const inbox = await receiver()
      const { webhook } = await createWebhook(inbox.url, ["license.issued"])
      await issueByHand()
      await waitFor(() => deliveries(webhook.id), (rows) => rows.length === 1)
      const deleted = await api.delete(`/admin/license-webhooks/${webhook.id}`, admin)
      expect(deleted.data).toEqual({ id: webhook.id, object: "license_webhook", deleted: true })
      expect(await licenses().listLicenseWebhookDeliveries({ endpoint_id: webhook.id })).toHaveLength(0)
      const gone = await api.get(`/admin/license-webhooks/${webhook.id}`, admin).catch((e: AxiosError) => e.response)
      expect(gone.status).toBe(404)
      const anonymous = await api.get("/admin/license-webhooks").catch((e: AxiosError) => e.response)
      expect(anonymous.status).toBe(401)
    })
  },
})
