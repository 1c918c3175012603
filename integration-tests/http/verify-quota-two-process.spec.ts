import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"
import { verifyClient } from "../helpers/verify-client"
import { activationsUsed, issueLicense } from "../helpers/licenses"
import { startSecondServer } from "../helpers/medusa-server"

jest.setTimeout(240 * 1000)

// The daily verify quota across two server processes on one database (docs/product-controls.md
// "Daily verify quota"): the count lives in one atomic statement per call, not in any process,
// so both processes together admit exactly the quota.

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    it("60 calls of two keys over two processes race for a quota of 7: exactly 7 are decided, 53 answer quota_exceeded", async () => {
      const second = await startSecondServer(dbConfig.clientUrl)
      const first = verifyClient(api)
      const other = verifyClient(axios.create({ baseURL: `http://127.0.0.1:${second.port}` }))
      try {
        const productId = "prod_quota_two_process"
        const licenses: LicenseModuleService = getContainer().resolve(LICENSE_MODULE)
        await licenses.updateProductLicenseSettings(productId, { daily_verify_quota: 7 })
        const a = await issueLicense(getContainer(), { product_id: productId, max_activations: 0 })
        const b = await issueLicense(getContainer(), { product_id: productId, max_activations: 0 })
        const answers = await Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            (i % 2 ? other : first).post(
              i % 4 === 3 ? "/licenses/heartbeat" : "/licenses/verify",
              i % 4 === 3
                ? { license_key: i % 3 ? a.key : b.key, fingerprint: `quota-machine-${i}-0123456789abcdef` }
                : { license_key: i % 3 ? a.key : b.key, domain: `quota-${i}.example` },
              { from: `127.63.1.${i + 1}` }
            )
          )
        )
        expect(answers.map((r) => r.status)).toEqual(Array(60).fill(200))
        const codes = answers.map((r) => r.data.code)
        expect(codes.filter((c) => c === "valid")).toHaveLength(7)
        expect(codes.filter((c) => c === "quota_exceeded")).toHaveLength(53)
        // Both processes answered, and both refused some: the race really spanned them.
        const byProcess = [0, 1].map((p) => answers.filter((_, i) => i % 2 === p).map((r) => r.data.code))
        for (const process of byProcess) {
          expect(process).toContain("quota_exceeded")
        }
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const { rows } = await knex.raw(`SELECT count FROM license_quota_day WHERE product_id = ? AND deleted_at IS NULL`, [productId])
        expect(rows).toEqual([{ count: 7 }])
        expect((await activationsUsed(getContainer(), a.license.id)) + (await activationsUsed(getContainer(), b.license.id))).toBe(7)
      } finally {
        first.close()
        other.close()
        await second.stop()
      }
    })
  },
})
