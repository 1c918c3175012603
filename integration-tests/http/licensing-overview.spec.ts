import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { issueLicense, licenseService } from "../helpers/licenses"
import { verifyClient } from "../helpers/verify-client"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000
const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10)

type OverviewDay = { day: string; issued: number; revoked: number; verify: Record<string, number>; verify_total: number }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: { headers: Record<string, string> }
    let sourceCounter = 0
    const freshIp = () => {
      sourceCounter++
      return `127.5.${Math.floor(sourceCounter / 250) + 1}.${(sourceCounter % 250) + 1}`
    }
    const verify = (body: Record<string, unknown>) => client.post("/licenses/verify", body, { from: freshIp() })
    const overview = (query = "") =>
      api.get(`/admin/licenses/overview${query}`, { ...auth, validateStatus: () => true })

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    describe("GET /admin/licenses/overview", () => {
      it("counts keys by state and buckets issued, revoked and verify calls by UTC day, zero-filled", async () => {
        const container = getContainer()
        const product = { product_id: "prod_overview", variant_id: "variant_overview" }
        const lifetime = await issueLicense(container, { ...product, max_activations: 1, expires_at: null })
        const soon = await issueLicense(container, { ...product, expires_at: new Date(Date.now() + 10 * DAY) })
        const later = await issueLicense(container, { ...product, expires_at: new Date(Date.now() + 60 * DAY) })
        const expired = await issueLicense(container, { ...product, expires_at: new Date(Date.now() - DAY) })
        const doomed = await issueLicense(container, { ...product })

        const revoke = await api.post(`/admin/licenses/${doomed.license.id}/revoke`, { reason: "Chargeback" }, auth)
        expect(revoke.status).toBe(200)

        // Verify calls with different answers: 2 valid, 1 over the cap, 1 revoked, 1 expired.
        expect((await verify({ license_key: lifetime.key, domain: "one.example" })).data.code).toBe("valid")
        expect((await verify({ license_key: lifetime.key, domain: "one.example" })).data.code).toBe("valid")
        expect((await verify({ license_key: lifetime.key, domain: "two.example" })).data.code).toBe("max_activations_exceeded")
        expect((await verify({ license_key: doomed.key, domain: "one.example" })).data.code).toBe("revoked")
        expect((await verify({ license_key: expired.key, domain: "one.example" })).data.code).toBe("expired")
        await licenseService(container).flushVerifyWrites()

        // Move one "issued" event to 23:59:59 UTC of yesterday (a UTC-day edge), and add verify
        // counts 5 days ago, straight in the tables, so the other buckets are exercised too.
        const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(
          `UPDATE license_event SET created_at = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 second'
            WHERE license_id = ? AND type = 'issued'`,
          [later.license.id]
        )
        await knex.raw(
          `INSERT INTO license_usage_day (id, product_id, day, code, count) VALUES
             ('lusg_overview_1', 'prod_overview', ?, 'valid', 4), ('lusg_overview_2', 'prod_other', ?, 'valid', 3),
             ('lusg_overview_3', 'prod_other', ?, 'not_found', 2)`,
          [utcDay(-5), utcDay(-5), utcDay(-5)]
        )

        const res = await overview()
        expect(res.status).toBe(200)
        expect(res.headers["cache-control"]).toBe("no-store")
        const { overview: body } = res.data
        expect(body.counts).toEqual({ active: 3, expiring_soon: 1, expired: 1, suspended: 0, revoked: 1 })
        expect(body).toMatchObject({ expiring_within_days: 30, time_zone: "UTC", from: utcDay(-29), to: utcDay(0) })

        const days: OverviewDay[] = body.days
        expect(days).toHaveLength(30)
        expect(days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => utcDay(i - 29)))
        const byDay = new Map(days.map((d) => [d.day, d]))
        expect(byDay.get(utcDay(0))).toEqual({
          day: utcDay(0),
          issued: 4,
          revoked: 1,
          verify: { valid: 2, max_activations_exceeded: 1, revoked: 1, expired: 1 },
          verify_total: 5,
        })
        expect(byDay.get(utcDay(-1))).toEqual({ day: utcDay(-1), issued: 1, revoked: 0, verify: {}, verify_total: 0 })
        expect(byDay.get(utcDay(-5))).toEqual({
          day: utcDay(-5),
          issued: 0,
          revoked: 0,
          verify: { valid: 7, not_found: 2 },
          verify_total: 9,
        })
        const quiet = days.filter((d) => ![utcDay(0), utcDay(-1), utcDay(-5)].includes(d.day))
        expect(quiet).toHaveLength(27)
        for (const d of quiet) {
          expect(d).toEqual({ day: d.day, issued: 0, revoked: 0, verify: {}, verify_total: 0 })
        }

        // A shorter window and another "expiring soon" horizon.
        const week = (await overview("?days=7&expiring_within_days=90")).data.overview
        expect(week.days).toHaveLength(7)
        expect(week.from).toBe(utcDay(-6))
        expect(week.counts).toMatchObject({ active: 3, expiring_soon: 2 })
      })

      it("refuses a bad window with a typed 400, and needs an admin", async () => {
        for (const query of ["?days=0", "?days=367", "?days=abc", "?expiring_within_days=-1", "?bogus=1"]) {
          const res = await overview(query)
          expect(res.status).toBe(400)
          expect(res.data.type).toBe("invalid_data")
        }
        const anonymous = await api.get("/admin/licenses/overview", { validateStatus: () => true })
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
