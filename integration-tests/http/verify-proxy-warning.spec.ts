import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import { verifyClient } from "../helpers/verify-client"
import { issueLicense } from "../helpers/licenses"

jest.setTimeout(120 * 1000)

// The default: no proxy hop trusted (LICENSE_TRUSTED_PROXY_HOPS unset), as a
// store behind a proxy that forgot the option runs. Jest gives each test file
// its own process.env, so nothing else sets it here.
delete process.env.LICENSE_TRUSTED_PROXY_HOPS

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("logs one warning naming trustedProxyHops for many requests with X-Forwarded-For, none without the header", async () => {
      const client = verifyClient(api)
      const logger = getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      const warn = jest.spyOn(logger, "warn")
      const proxyWarnings = () => warn.mock.calls.filter(([message]) => String(message).includes("X-Forwarded-For"))
      try {
        const { key } = await issueLicense(getContainer(), { max_activations: 5 })
        for (let i = 0; i < 3; i++) {
          expect((await client.post("/licenses/verify", { license_key: key })).data.code).toBe("valid")
        }
        expect(proxyWarnings()).toHaveLength(0)

        const viaProxy = { headers: { "x-forwarded-for": "203.0.113.10" } }
        for (let i = 0; i < 5; i++) {
          const answer = await client.post("/licenses/verify", { license_key: key }, viaProxy)
          // Not trusted: the caller is still the socket address.
          expect(answer.data).toMatchObject({ code: "valid", identity: { kind: "ip", value: "127.0.0.1" } })
          await client.post("/licenses/verify", { license_key: formatLicenseKey(generateKeyBody(), "CP") }, viaProxy)
          await client.post("/licenses/deactivate", { license_key: key, domain: "gone.example" }, viaProxy)
        }
        expect(proxyWarnings()).toHaveLength(1)
        const [message] = proxyWarnings()[0]
        expect(message).toContain("trustedProxyHops")
        expect(message).toContain("LICENSE_TRUSTED_PROXY_HOPS")
      } finally {
        warn.mockRestore()
        client.close()
      }
    })
  },
})
