// A store with the default options: webhooks may not reach loopback, link-local
// or private addresses (LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS is NOT set
// here; webhooks.spec.ts sets it to use receivers on loopback).
delete process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosError } from "axios"
import type LicenseModuleService from "../../src/modules/license/service"
import { adminHeaders, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"
import { issueLicense } from "../helpers/licenses"
import { startReceiver } from "../helpers/webhook-receiver"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("refuses private addresses when an endpoint is saved, and again at send time (DNS rebinding)", async () => {
      const container = getContainer()
      const licenses = container.resolve<LicenseModuleService>("license")
      expect(licenses.getOptions().webhooks.allowPrivateNetworks).toBe(false)
      const store = await seedStore(container)
      const admin = await adminHeaders(api, store)
      const receiver = await startReceiver()
      try {
        const refused = [
          receiver.url,
          `http://localhost:${receiver.port}/in`,
          "http://[::1]/in",
          "http://2130706433/in",
          "http://10.0.0.8/in",
          "http://192.168.1.20/in",
          "http://172.20.0.1/in",
          "http://169.254.169.254/latest/meta-data/",
          "http://[fd12:3456::1]/in",
          "http://[fe80::1]/in",
          "http://[::ffff:127.0.0.1]/in",
        ]
        for (const url of refused) {
          const res = await api
            .post("/admin/license-webhooks", { url, events: ["license.issued"] }, admin)
            .catch((e: AxiosError) => e.response)
          expect([url, res.status]).toEqual([url, 400])
          expect(res.data.message).toMatch(/loopback, link-local or private address/)
        }
        const ftp = await api
          .post("/admin/license-webhooks", { url: "ftp://203.0.113.9/in", events: ["license.issued"] }, admin)
          .catch((e: AxiosError) => e.response)
        expect(ftp.status).toBe(400)
        expect((await api.get("/admin/license-webhooks", admin)).data.webhooks).toHaveLength(0)

        // A public address is accepted (a literal one: nothing is sent to it here).
        const ok = await api.post("/admin/license-webhooks", { url: "https://93.184.216.34/in", events: ["license.revoked"] }, admin)
        expect(ok.status).toBe(201)
        // Changing it to a private address is refused too.
        const moved = await api
          .post(`/admin/license-webhooks/${ok.data.webhook.id}`, { url: receiver.url }, admin)
          .catch((e: AxiosError) => e.response)
        expect(moved.status).toBe(400)

        // An endpoint whose host later resolves to a private address (stored
        // here directly, as DNS rebinding would leave it) is refused at send
        // time: the delivery fails without a request reaching the receiver.
        const { endpoint } = await licenses.createWebhookEndpoint({ url: "https://93.184.216.34/hook", events: ["license.issued"] })
        await licenses.updateLicenseWebhookEndpoints({ id: endpoint.id, url: `http://localhost:${receiver.port}/in` })
        const { license } = await issueLicense(container)
        const [deliveryId] = await licenses.enqueueWebhookEvent("license.issued", license.id, {})
        await licenses.sendWebhookDeliveries({ ids: [deliveryId] })
        const delivery = await waitFor(
          () => licenses.retrieveLicenseWebhookDelivery(deliveryId),
          (d) => d.attempts >= 1 && d.status !== "sending"
        )
        expect(delivery).toMatchObject({ status: "pending", attempts: 1, response_code: null })
        expect(delivery.last_error).toMatch(/loopback, link-local or private address \((127\.0\.0\.1|::1)\)/)
        expect(receiver.received).toHaveLength(0)
      } finally {
        await receiver.close()
      }
    })
  },
})
