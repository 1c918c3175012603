import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"
import { verifyClient } from "../helpers/verify-client"
import { activationsUsed, heldActivations, issueLicense } from "../helpers/licenses"
import { startSecondServer } from "../helpers/medusa-server"

jest.setTimeout(180 * 1000)

/**
 * A second, separate Medusa server process (`medusa start` of this project,
 * admin off) on the test's database: what a store runs when it scales out.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    it("50 parallel new domains spread over two server processes against a cap of 5: exactly 5 slots", async () => {
      const second = await startSecondServer(dbConfig.clientUrl)
      const first = verifyClient(api)
      const other = verifyClient(axios.create({ baseURL: `http://127.0.0.1:${second.port}` }))
      try {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 5 })
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? other : first).post("/licenses/verify", { license_key: key, domain: `site-${i}.example` }, {
              from: `127.0.40.${i + 1}`,
            })
          )
        )
        const codes = results.map((r) => r.data.code)
        expect(codes.filter((c) => c === "valid")).toHaveLength(5)
        expect(codes.filter((c) => c === "max_activations_exceeded")).toHaveLength(45)
        const held = await heldActivations(getContainer(), license.id)
        expect(held).toHaveLength(5)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)

        // Both processes sign with the configured key.
        const kids = await Promise.all([first.get("/licenses/public-key"), other.get("/licenses/public-key")])
        expect(kids[0].data.kid).toBe(kids[1].data.kid)

        // A domain activated through one process is known to the other, and
        // the other can free it: the state is in the database only.
        const holder = held[0].identifier
        const holderIndex = Number(holder.match(/site-(\d+)/)![1])
        const elsewhere = holderIndex % 2 ? first : other
        const again = await elsewhere.post("/licenses/verify", { license_key: key, domain: holder })
        expect(again.data).toMatchObject({ valid: true, license: { activations_used: 5 } })
        const freed = await elsewhere.post("/licenses/deactivate", { license_key: key, domain: holder })
        expect(freed.data).toMatchObject({ deactivated: true, license: { activations_used: 4 } })

        // One slot free again; both processes race for it: exactly one wins.
        const race = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? other : first).post("/licenses/verify", { license_key: key, domain: `late-${i}.example` })
          )
        )
        expect(race.filter((r) => r.data.code === "valid")).toHaveLength(1)
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)
      } finally {
        first.close()
        other.close()
        await second.stop()
      }
    })
  },
})
