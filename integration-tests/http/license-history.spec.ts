import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import http from "node:http"
import pruneLicenseHistoryJob from "../../src/jobs/prune-license-history"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { issueLicense, licenseService } from "../helpers/licenses"

jest.setTimeout(240 * 1000)

// Table growth (docs/admin.md "Activations and history", "History retention"):
// a key that churned through 10,000 sites still answers the admin with one page,
// the lookup with its held slots, and the pruning job deletes exactly the old churn.

const DAY = 86_400_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: { headers: Record<string, string> }
    const freshIp = sourceAddresses(6)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (key: string, domain: string) => client.post("/licenses/verify", { license_key: key, domain }, { from: freshIp() })

    /**
     * `count` verify -> deactivate cycles by SQL, in one statement per table:
     * released activations (released `ageDays` ago and earlier, one minute apart)
     * and their activated + deactivated events.
     */
    async function seedCycles(licenseId: string, count: number, ageDays: number, tag: string) {
      const at = `now() - make_interval(days => ${ageDays}) - make_interval(mins => g)`
      await knex().raw(
        `INSERT INTO license_activation (id, license_id, kind, identifier, first_seen_at, last_seen_at, last_ip,
                                         released_at, released_by, created_at, updated_at)
         SELECT 'lact_${tag}_' || g, ?, 'domain', 'churn-${tag}-' || g || '.example', ${at}, ${at}, '127.0.0.1',
                ${at}, 'installed_product', ${at}, ${at}
           FROM generate_series(1, ?) AS g`,
        [licenseId, count]
      )
      await knex().raw(
        `INSERT INTO license_event (id, license_id, type, actor_type, actor_id, data, created_at, updated_at)
         SELECT 'levt_${tag}_' || t.type || '_' || g, ?, t.type, 'installed_product', 'churn-${tag}-' || g || '.example',
                jsonb_build_object('kind', 'domain', 'identifier', 'churn-${tag}-' || g || '.example'), ${at}, ${at}
           FROM generate_series(1, ?) AS g, (VALUES ('activated'), ('deactivated')) AS t(type)`,
        [licenseId, count]
      )
    }

    it("the admin detail of a key with 10,000 cycles answers one small page; paging walks held first, then newest", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
      await seedCycles(license.id, 10_000, 1, "big")
      expect((await verify(key, "held.example")).data.code).toBe("valid")

      const res = await api.get(`/admin/licenses/${license.id}`, auth)
      expect(res.status).toBe(200)
      const bytes = Buffer.byteLength(JSON.stringify(res.data))
      expect(bytes).toBeLessThan(40_000)
      expect(res.data.license.activations).toHaveLength(20)
      expect(res.data.license.events).toHaveLength(20)
      expect(res.data).toMatchObject({
        activations_count: 10_001,
        activations_held: 1,
        activations_limit: 20,
        activations_offset: 0,
        events_count: 20_002,
        events_limit: 20,
        events_offset: 0,
      })
      // Held first, then releases newest first.
      const [first, second, third] = res.data.license.activations
      expect(first).toMatchObject({ identifier: "held.example", released_at: null })
      expect([second.identifier, third.identifier]).toEqual(["churn-big-1.example", "churn-big-2.example"])
      expect(res.data.license.events[0]).toMatchObject({ type: "activated", actor_id: "held.example" })

      const next = await api.get(`/admin/licenses/${license.id}?activations_offset=20&activations_limit=50&events_offset=20`, auth)
      expect(next.data.license.activations).toHaveLength(50)
      expect(next.data.license.activations[0].identifier).toBe("churn-big-20.example")
      const pageIds = new Set(res.data.license.events.map((e: { id: string }) => e.id))
      expect(next.data.license.events.filter((e: { id: string }) => pageIds.has(e.id))).toEqual([])
      const last = await api.get(`/admin/licenses/${license.id}?activations_offset=10000`, auth)
      expect(last.data.license.activations.map((a: { identifier: string }) => a.identifier)).toEqual(["churn-big-10000.example"])

      for (const query of ["activations_limit=0", "activations_limit=101", "events_offset=-1", "events_limit=abc"]) {
        const bad = await api.get(`/admin/licenses/${license.id}?${query}`, { ...auth, validateStatus: () => true })
        expect({ query, status: bad.status }).toEqual({ query, status: 400 })
      }

      // The lookup (GET /licenses/:key) returns the held slot only.
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: "History lookup" }])
      const other = await issueLicense(getContainer(), { max_activations: 1, product_id: product.id })
      await seedCycles(other.license.id, 500, 1, "lookup")
      expect((await verify(other.key, "only.example")).data.code).toBe("valid")
      const apiKey: string = (await api.post(`/admin/products/${product.id}/license-settings/api-key`, {}, auth)).data.api_key
      const lookUp = await api.get(client.url(`/licenses/${encodeURIComponent(other.key)}`), {
        headers: { authorization: `Bearer ${apiKey}` },
        validateStatus: () => true,
        httpAgent: new http.Agent({ localAddress: freshIp() }),
      })
      expect(lookUp.status).toBe(200)
      expect(lookUp.data.license.activations.map((a: { identifier: string }) => a.identifier)).toEqual(["only.example"])
    })

    it("the pruning job deletes exactly the old released activations and churn events, in batches, and keeps the audit trail", async () => {
      const service = licenseService(getContainer())
      const { license, key } = await issueLicense(getContainer(), { max_activations: 3 })
      await seedCycles(license.id, 2_500, 200, "old")
      await seedCycles(license.id, 40, 20, "recent")
      expect((await verify(key, "kept.example")).data.code).toBe("valid")
      // A slot held since long ago is never pruned, nor are old audit events.
      await knex().raw(`UPDATE license_activation SET first_seen_at = now() - interval '400 days' WHERE identifier = 'kept.example'`)
      await knex().raw(
        `INSERT INTO license_event (id, license_id, type, actor_type, data, created_at, updated_at)
         SELECT 'levt_audit_' || t.type, ?, t.type, 'admin', '{}'::jsonb, now() - interval '300 days', now() - interval '300 days'
           FROM (VALUES ('revoked'), ('suspended'), ('reinstated'), ('updated'), ('transferred'), ('reset')) AS t(type)`,
        [license.id]
      )
      await knex().raw(`UPDATE license_event SET created_at = now() - interval '300 days' WHERE license_id = ? AND type = 'issued'`, [license.id])
      await knex().raw(
        `INSERT INTO license_event (id, license_id, type, actor_type, data, created_at, updated_at)
         VALUES ('levt_old_refused', ?, 'activation_refused', 'installed_product', '{"count": 12}'::jsonb,
                 now() - interval '190 days', now() - interval '190 days')`,
        [license.id]
      )

      // The clock of a run 10 days from now: cut-off 170 days ago.
      const result = await pruneLicenseHistoryJob(getContainer(), new Date(Date.now() + 10 * DAY))
      expect(result).toMatchObject({ activations_deleted: 2_500, events_deleted: 5_001, complete: true })
      // 1,000 rows per statement: 3 for activations, 6 for events.
      expect(result.batches).toBe(9)

      const { rows: activations } = await knex().raw(
        `SELECT count(*) FILTER (WHERE released_at IS NULL)::int AS held, count(*)::int AS total
           FROM license_activation WHERE license_id = ?`,
        [license.id]
      )
      expect(activations[0]).toEqual({ held: 1, total: 41 })
      const { rows: events } = await knex().raw(
        `SELECT type, count(*)::int AS n FROM license_event WHERE license_id = ? GROUP BY type ORDER BY type`,
        [license.id]
      )
      expect(Object.fromEntries(events.map((e: { type: string; n: number }) => [e.type, e.n]))).toEqual({
        activated: 41,
        deactivated: 40,
        issued: 1,
        reinstated: 1,
        reset: 1,
        revoked: 1,
        suspended: 1,
        transferred: 1,
        updated: 1,
      })
      // A second run finds nothing; the key still verifies from its held slot.
      expect(await pruneLicenseHistoryJob(getContainer(), new Date(Date.now() + 10 * DAY))).toMatchObject({
        activations_deleted: 0,
        events_deleted: 0,
      })
      expect((await verify(key, "kept.example")).data.code).toBe("valid")
      expect(service.getOptions().history).toEqual({ retentionDays: 180 })
    })
  },
})
