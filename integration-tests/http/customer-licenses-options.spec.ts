// A store that does not let customers free slots (LICENSE_CUSTOMER_CAN_DEACTIVATE=false,
// read by medusa-config.ts when the runner boots the app, hence set first).
// customer-licenses.spec.ts covers the default (allowed) with a cool-down.
process.env.LICENSE_CUSTOMER_CAN_DEACTIVATE = "false"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate, buyLicenses, customerAccount, storeClient } from "../helpers/customer-licenses"
import { seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

const BASE = "/store/customers/me/licenses"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("customerCanDeactivate=false: 403 customer_deactivation_disabled, the slot stays, others still get 404", async () => {
      const container = getContainer()
      const licenses = container.resolve<LicenseModuleService>("license")
      expect(licenses.getOptions().customer).toEqual({ canDeactivate: false, deactivationCooldownSeconds: 0 })

      const store = await seedStore(container)
      const client = storeClient(api, store)
      const alice = await customerAccount(api, store, "alice@example.com")
      const bob = await customerAccount(api, store, "bob@example.com")
      const { licenses: [license] } = await buyLicenses(api, container, store, alice, [
        { variant_id: store.variants["5 sites"], quantity: 1 },
      ])
      await activate(api, licenses.revealKey(license), "one.example.com")

      const detail = await client.get(alice, `${BASE}/${license.id}`)
      expect(detail.data.license.deactivation).toEqual({ allowed: false, cooldown_seconds: 0, available_at: null })
      const [held] = detail.data.license.activations

      const res = await client.delete(alice, `${BASE}/${license.id}/activations/${held.id}`)
      expect(res.status).toBe(403)
      expect(res.data).toEqual({
        code: "customer_deactivation_disabled",
        message: "This store does not let customers free activation slots. Please contact the store.",
      })
      expect((await licenses.retrieveLicense(license.id)).activations_used).toBe(1)
      expect(await licenses.listLicenseEvents({ license_id: license.id, type: "deactivated" })).toEqual([])

      // Ownership is checked first: someone else's license stays a 404, not a 403.
      const theirs = await client.delete(bob, `${BASE}/${license.id}/activations/${held.id}`)
      expect(theirs.status).toBe(404)
      expect(theirs.data.code).toBe("license_not_found")
    })
  },
})
