// Loopback receivers need private networks allowed (read by medusa-config.ts at boot, hence first).
process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "true"

import { Modules } from "@medusajs/framework/utils"
import { createHmac, timingSafeEqual } from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { issueLicense } from "../helpers/licenses"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"
import { type Receiver, startReceiver } from "../helpers/webhook-receiver"

jest.setTimeout(180 * 1000)

// Webhooks for stores coming from KeyPort (docs/migrating-from-keyport.md, docs/webhooks.md):
// the per-product webhooks switch.

type Auth = { headers: Record<string, string> }

/** A receiver written for KeyPort, from docs/migrating-from-keyport.md alone: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>. */
function keyPortSignatureHolds(secret: string, rawBody: string, header: string | string[] | undefined, toleranceSeconds = 300) {
  if (typeof header !== "string") {
    return false
  }
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) {
    return false
  }
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest()
  return timingSafeEqual(Buffer.from(parts.v1, "hex"), expected)
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

    async function receiver() {
      const started = await startReceiver()
      receivers.push(started)
      return started
    }
    async function newProduct() {
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Hooks ${Math.random().toString(36).slice(2, 8)}` }])
      return product.id as string
    }
    const settings = (productId: string) => `/admin/products/${productId}/license-settings`

    it("a product's webhooks switch: off queues no delivery for its licenses, on again sends them", async () => {
      const quiet = await newProduct()
      const loud = await newProduct()
      expect((await api.get(settings(quiet), admin)).data.license_settings.webhooks_enabled).toBe(true)
      const off = await api.post(settings(quiet), { webhooks_enabled: false }, admin)
      expect(off.data.license_settings.webhooks_enabled).toBe(false)
      expect((await api.get(settings(quiet), admin)).data.license_settings.webhooks_enabled).toBe(false)
      const bad = await api.post(settings(quiet), { webhooks_enabled: "no" }, { ...admin, validateStatus: () => true })
      expect(bad.status).toBe(400)

      const inbox = await receiver()
      const { webhook } = (await api.post("/admin/license-webhooks", { url: inbox.url, events: ["license.suspended", "license.reinstated"] }, admin)).data
      const quietKey = (await issueLicense(getContainer(), { product_id: quiet, customer_discord_id: "123456789012345678" })).license
      const loudKey = (await issueLicense(getContainer(), { product_id: loud, customer_discord_id: "123456789012345678" })).license

      // The module queues nothing for the quiet product, and something for the other.
      expect(await licenses().enqueueWebhookEvent("license.suspended", quietKey.id, {})).toEqual([])
      // Over HTTP: suspend both, the quiet one first; only the loud one arrives.
      expect((await api.post(`/admin/licenses/${quietKey.id}/suspend`, {}, admin)).status).toBe(200)
      expect((await api.post(`/admin/licenses/${loudKey.id}/suspend`, {}, admin)).status).toBe(200)
      await waitFor(async () => inbox.events(), (events) => events.length >= 1)
      const [first] = inbox.events()
      expect(first).toMatchObject({ type: "license.suspended", data: { license: { id: loudKey.id, customer_discord_id: "123456789012345678" } } })
      const queued = (await api.get(`/admin/license-webhooks/${webhook.id}/deliveries?limit=100`, admin)).data.deliveries
      expect(queued.map((d: { license_id: string }) => d.license_id)).toEqual([loudKey.id])

      // Switched on again: the quiet product's next event is delivered.
      await api.post(settings(quiet), { webhooks_enabled: true }, admin)
      expect((await api.post(`/admin/licenses/${quietKey.id}/reinstate`, {}, admin)).status).toBe(200)
      await waitFor(async () => inbox.events(), (events) => events.some((e) => e.data.license?.id === quietKey.id))
      expect(inbox.events().filter((e) => e.data.license?.id === quietKey.id).map((e) => e.type)).toEqual(["license.reinstated"])
    })

    it("an endpoint marked KeyPort-compatible also gets X-KeyPort-Signature, which a KeyPort receiver checks", async () => {
      const keyport = await receiver()
      const plain = await receiver()
      const created = await api.post("/admin/license-webhooks", { url: keyport.url, events: ["license.suspended"], keyport_compatible: true }, admin)
      expect(created.data.webhook.keyport_compatible).toBe(true)
      const secret: string = created.data.secret
      const other = (await api.post("/admin/license-webhooks", { url: plain.url, events: ["license.suspended"] }, admin)).data
      expect(other.webhook.keyport_compatible).toBe(false)
      const bad = await api.post("/admin/license-webhooks", { url: plain.url, events: ["license.suspended"], keyport_compatible: "yes" }, { ...admin, validateStatus: () => true })
      expect(bad.status).toBe(400)

      const { license } = await issueLicense(getContainer(), { product_id: store.product_id })
      expect((await api.post(`/admin/licenses/${license.id}/suspend`, {}, admin)).status).toBe(200)
      await waitFor(async () => [keyport.received.length, plain.received.length], ([a, b]) => a >= 1 && b >= 1)

      const [delivery] = keyport.received
      expect(keyPortSignatureHolds(secret, delivery.body, delivery.headers["x-keyport-signature"])).toBe(true)
      // The same scheme as X-License-Signature; a changed body or another secret fails.
      expect(delivery.headers["x-keyport-signature"]).toBe(delivery.headers["x-license-signature"])
      expect(keyPortSignatureHolds(secret, delivery.body.replace("suspended", "revoked"), delivery.headers["x-keyport-signature"])).toBe(false)
      expect(keyPortSignatureHolds(other.secret, delivery.body, delivery.headers["x-keyport-signature"])).toBe(false)
      expect(plain.received[0].headers["x-keyport-signature"]).toBeUndefined()

      // Turned off on the endpoint: the next delivery has no X-KeyPort-Signature.
      const off = await api.post(`/admin/license-webhooks/${created.data.webhook.id}`, { keyport_compatible: false }, admin)
      expect(off.data.webhook.keyport_compatible).toBe(false)
      expect((await api.post(`/admin/licenses/${license.id}/reinstate`, {}, admin)).status).toBe(200)
      await api.post(`/admin/licenses/${license.id}/suspend`, {}, admin)
      await waitFor(async () => keyport.received.length, (n) => n >= 2)
      expect(keyport.received[1].headers["x-keyport-signature"]).toBeUndefined()
      expect(keyport.received[1].headers["x-license-signature"]).toEqual(expect.any(String))
    })
  },
})
