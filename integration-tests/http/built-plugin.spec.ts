import fs from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import type { AdminLicenseList } from "../../src/admin/lib/types"
import type LicenseModuleService from "../../src/modules/license/service"
import { adminHeaders, type DemoStore, placeOrder, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const ROOT = path.resolve(__dirname, "../..")
const HOST_APP = path.join(ROOT, "integration-tests/fixtures/host-app")

// The host app resolves the plugin by its package name, as a store's would:
// node_modules/medusa-plugin-license-keys -> this repository, whose package.json
// points Medusa at the BUILT output in .medusa/server.
if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/modules/license/index.js"))) {
  throw new Error("The plugin is not built: run `npm run build` (npm test does it before the HTTP suite).")
}
const link = path.join(HOST_APP, "node_modules/medusa-plugin-license-keys")
fs.mkdirSync(path.dirname(link), { recursive: true })
if (!fs.existsSync(link)) {
  fs.symlinkSync(ROOT, link, "dir")
}

medusaIntegrationTestRunner({
  cwd: HOST_APP,
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("loads the plugin's module from the built package", () => {
      // The module is loaded from the BUILT package (.medusa/server), which TypeScript
      // does not see: it is src/'s LicenseModuleService compiled, so that is its type.
      const licenseModule = getContainer().resolve<LicenseModuleService>("license")
      const modulePath = require.resolve("medusa-plugin-license-keys/.medusa/server/src/modules/license", {
        paths: [HOST_APP],
      })
      expect(modulePath).toContain(path.join(".medusa", "server", "src", "modules", "license"))
      expect(licenseModule.getOptions().keyPrefix).toBe("HOST")
    })

    it("serves the plugin's routes and runs its subscriber: a checkout issues a key", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const auth = await adminHeaders(api, store)
      const { data } = await waitFor<AxiosResponse<AdminLicenseList>>(
        () => api.get(`/admin/licenses?order_id=${order.id}`, auth),
        (res) => res.data.count >= 1
      )
      expect(data.licenses).toHaveLength(1)
      expect(data.licenses[0].key).toMatch(/^HOST-([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}$/)
    })
  },
})
