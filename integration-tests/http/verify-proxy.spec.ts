import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { formatLicenseKey, generateKeyBody } from "../../src/modules/license/rules/license-key"
import { verifyClient } from "../helpers/verify-client"
import { heldActivations, issueLicense } from "../helpers/licenses"

jest.setTimeout(120 * 1000)

// This server trusts ONE reverse proxy (LICENSE_TRUSTED_PROXY_HOPS=1, read by
// medusa-config.ts): the client is the X-Forwarded-For entry that proxy
// appended, i.e. the rightmost one. Entries to its left were written by the
// client and never count. (Jest gives each test file its own process.env.)
process.env.LICENSE_TRUSTED_PROXY_HOPS = "1"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    /** As the proxy would forward it: whatever the client sent, then the address the proxy saw. */
    const viaProxy = (body: unknown, clientSent: string | null, proxySaw: string) =>
      client.post("/licenses/verify", body, {
        headers: { "x-forwarded-for": clientSent ? `${clientSent}, ${proxySaw}` : proxySaw },
      })

    it("identifies the client by the entry the trusted proxy appended, not by what the client wrote", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
      const owner = await viaProxy({ license_key: key }, null, "203.0.113.10")
      expect(owner.data).toMatchObject({ valid: true, identity: { kind: "ip", value: "203.0.113.10" } })

      // Another client prepends the owner's address: it is still itself.
      const thief = await viaProxy({ license_key: key }, "203.0.113.10", "198.51.100.66")
      expect(thief.data).toMatchObject({ code: "max_activations_exceeded", identity: { kind: "ip", value: "198.51.100.66" } })
      expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual(["203.0.113.10"])

      // Without the header (not through the proxy) the socket address is the client.
      const direct = await client.post("/licenses/verify", { license_key: key })
      expect(direct.data.identity).toEqual({ kind: "ip", value: "127.0.0.1" })
    })

    it("rate-limits per forwarded client, so one abuser behind the proxy does not block the others", async () => {
      for (let i = 0; i < 20; i++) {
        await viaProxy({ license_key: formatLicenseKey(generateKeyBody(), "CP") }, null, "198.51.100.7")
      }
      const limited = await viaProxy({ license_key: "CP-X" }, "10.0.0.1", "198.51.100.7")
      expect(limited.status).toBe(429)
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
      const other = await viaProxy({ license_key: "CP-X" }, null, "198.51.100.8")
      expect(other.status).toBe(200)
      expect(other.data.code).toBe("malformed")
    })

    it("never logs the untrusted X-Forwarded-For warning when a proxy hop is trusted", async () => {
      const logger = getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      const warn = jest.spyOn(logger, "warn")
      try {
        const { key } = await issueLicense(getContainer(), { max_activations: 5 })
        for (let i = 0; i < 5; i++) {
          expect((await viaProxy({ license_key: key }, null, "203.0.113.20")).data.code).toBe("valid")
        }
        expect(warn.mock.calls.filter(([message]) => String(message).includes("X-Forwarded-For"))).toHaveLength(0)
      } finally {
        warn.mockRestore()
      }
    })
  },
})
