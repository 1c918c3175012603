import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import axios from "axios"
import releaseDeadMachinesJob from "../../src/jobs/release-dead-machines"
import { verifyClient } from "../helpers/verify-client"
import { activationsUsed, heldActivations, issueLicense } from "../helpers/licenses"
import { startSecondServer } from "../helpers/medusa-server"

jest.setTimeout(240 * 1000)

// Floating seats across two server processes on one database (docs/verify-api.md
// "Heartbeats and floating seats"): the cap and the dead-seat takeover are exact
// because they live in one conditional statement, not in any process.

const fp = (prefix: string, n: number) => `two-process-${prefix}-${n}-0123456789abcdef`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    it("50 machines over two processes race for 5 floating seats; dead seats go to exactly as many new machines", async () => {
      const second = await startSecondServer(dbConfig.clientUrl)
      const first = verifyClient(api)
      const other = verifyClient(axios.create({ baseURL: `http://127.0.0.1:${second.port}` }))
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const kill = (licenseId: string, identifiers: string[]) =>
        knex.raw(
          `UPDATE license_activation SET last_seen_at = now() - interval '10 minutes'
            WHERE license_id = ? AND identifier = ANY(?) AND released_at IS NULL`,
          [licenseId, identifiers]
        )
      try {
        const { license, key } = await issueLicense(getContainer(), { max_activations: 5, heartbeat_interval_seconds: 60 })
        const race = (prefix: string, octet: number) =>
          Promise.all(
            Array.from({ length: 50 }, (_, i) =>
              (i % 2 ? other : first).post(
                i % 3 ? "/licenses/heartbeat" : "/licenses/verify",
                { license_key: key, fingerprint: fp(prefix, i) },
                { from: `127.62.${octet}.${i + 1}` }
              )
            )
          )

        const opening = await race("a", 1)
        expect(opening.map((r) => r.status)).toEqual(Array(50).fill(200))
        expect(opening.filter((r) => r.data.valid)).toHaveLength(5)
        expect(opening.filter((r) => r.data.code === "max_activations_exceeded")).toHaveLength(45)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)

        // One dies: of 50 new machines on both processes, exactly one gets its seat.
        const held = (await heldActivations(getContainer(), license.id)).map((a) => a.identifier)
        await kill(license.id, [held[0]])
        const one = await race("b", 2)
        expect(one.filter((r) => r.data.valid)).toHaveLength(1)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)
        expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)

        // Three die while the release job runs beside the race: exactly three get in.
        const alive = (await heldActivations(getContainer(), license.id)).map((a) => a.identifier)
        await kill(license.id, alive.slice(0, 3))
        const [three] = await Promise.all([race("c", 3), releaseDeadMachinesJob(getContainer())])
        expect(three.filter((r) => r.data.valid)).toHaveLength(3)
        expect(await activationsUsed(getContainer(), license.id)).toBe(5)
        const after = await heldActivations(getContainer(), license.id)
        expect(after).toHaveLength(5)
        const { rows } = await knex.raw(
          `SELECT count(*)::int AS n FROM license_activation WHERE license_id = ? AND released_by = 'heartbeat'`,
          [license.id]
        )
        expect(rows[0].n).toBe(4)
        // Every winner's answer tells its machine when to beat next.
        for (const answer of [...opening, ...one, ...three].filter((r) => r.data.valid)) {
          expect(answer.data.heartbeat).toMatchObject({ interval_seconds: 60 })
        }
      } finally {
        first.close()
        other.close()
        await second.stop()
      }
    })
  },
})
