// Loopback receivers need private networks allowed (read by medusa-config.ts at boot, hence first).
process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "true"

import { Modules } from "@medusajs/framework/utils"
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
  },
})
