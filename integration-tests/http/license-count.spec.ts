import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { issueLicense, licenseService } from "../helpers/licenses"
import { verifyClient } from "../helpers/verify-client"
import foldLicenseCountsJob from "../../src/jobs/fold-license-counts"

jest.setTimeout(180 * 1000)

/**
 * The admin's license list, unfiltered or by status alone, and the Licensing overview read their counts from the
 * counts the triggers keep by status and expiry day (Migration20261212100000, sql/license-count.ts): each must equal
 * count(*) of its condition after every kind of write, and as time passes without any write.
 */
const STATUSES = ["active", "grace", "expired", "suspended", "revoked"] as const
type Status = (typeof STATUSES)[number]
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let auth: { headers: Record<string, string> }
    let knex: Knex

    const listedCount = async (query = "") => {
      const res = await api.get(`/admin/licenses?limit=1${query}`, auth)
      expect(res.status).toBe(200)
      return res.data.count as number
    }
    const tableCount = async () =>
      Number((await knex.raw(`SELECT count(*) AS n FROM license WHERE deleted_at IS NULL`)).rows[0].n)

    /** Each status's count, by the statuses' definitions (docs/admin.md), with the database's clock. */
    const tableStatusCounts = async (): Promise<Record<Status | "ended", number>> => {
      const { rows } = await knex.raw(`SELECT
          count(*) FILTER (WHERE status = 'active' AND (expires_at IS NULL OR expires_at > now())) AS active,
          count(*) FILTER (WHERE status = 'active' AND expires_at <= now() AND grace_ends_at > now()) AS grace,
          count(*) FILTER (WHERE status = 'active' AND expires_at <= now() AND (grace_ends_at IS NULL OR grace_ends_at <= now())) AS expired,
          count(*) FILTER (WHERE status = 'active' AND expires_at <= now()) AS ended,
          count(*) FILTER (WHERE status = 'suspended') AS suspended,
          count(*) FILTER (WHERE status = 'revoked') AS revoked
        FROM license WHERE deleted_at IS NULL`)
      return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) as Record<Status | "ended", number>
    }
    /** Every status alone, every pair, all five and none, as the list counts them, against the table. */
    const expectListedStatusCounts = async () => {
      const table = await tableStatusCounts()
      const searches: Status[][] = [[], [...STATUSES], ...STATUSES.map((s) => [s])]
      for (const [i, a] of STATUSES.entries()) {
        for (const b of STATUSES.slice(i + 1)) {
          searches.push([a, b])
        }
      }
      const listed = await Promise.all(searches.map((statuses) => listedCount(statuses.map((s) => `&status[]=${s}`).join(""))))
      const expected = searches.map((statuses) =>
        statuses.length ? statuses.reduce((sum, s) => sum + table[s], 0) : STATUSES.reduce((sum, s) => sum + table[s], 0)
      )
      expect(listed).toEqual(expected)
      const overview = (await api.get(`/admin/licenses/overview`, auth)).data.overview.counts
      expect(overview).toMatchObject({ active: table.active, expired: table.ended, suspended: table.suspended, revoked: table.revoked })
      return table
    }

    /** The keys of one order line of `units` units of `productId`, issued as a checkout issues them (one statement). */
    const checkout = (order: string, units: number, productId: string) =>
      licenseService(getContainer()).issueLicenses(
        Array.from({ length: units }, (_, unit_index) => ({
          order_id: `order_${order}`,
          line_item_id: `ordli_${order}`,
          unit_index,
          product_id: productId,
          variant_id: `variant_of_${productId}`,
          max_activations: 1,
        })),
        { type: "system" }
      )

    beforeAll(async () => {
      store = await seedStore(getContainer())
      knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })

    it("counts issued, soft-deleted, restored and deleted licenses, and nothing a rolled-back change did", async () => {
      const container = getContainer()
      const start = await tableCount()
      expect(await listedCount()).toBe(start)

      const issued = await Promise.all([0, 1, 2].map((i) => issueLicense(container, { order_id: `order_count_${i}` })))
      expect(await listedCount()).toBe(start + 3)

      const service = licenseService(container)
      await service.softDeleteLicenses([issued[0].license.id])
      expect(await listedCount()).toBe(start + 2)
      await service.restoreLicenses([issued[0].license.id])
      expect(await listedCount()).toBe(start + 3)

      // A soft delete inside a transaction that rolls back changes nothing.
      await expect(
        knex.transaction(async (trx) => {
          await trx.raw(`UPDATE license SET deleted_at = now() WHERE id = ?`, [issued[1].license.id])
          throw new Error("roll back")
        })
      ).rejects.toThrow("roll back")
      expect(await listedCount()).toBe(start + 3)

      // A hard delete of a soft-deleted license was counted once, at the soft delete.
      await service.softDeleteLicenses([issued[1].license.id])
      await knex.raw(`DELETE FROM license_event WHERE license_id = ?`, [issued[1].license.id])
      await knex.raw(`DELETE FROM license WHERE id = ?`, [issued[1].license.id])
      expect(await listedCount()).toBe(start + 2)
      await knex.raw(`DELETE FROM license_event WHERE license_id = ?`, [issued[2].license.id])
      await knex.raw(`DELETE FROM license WHERE id = ?`, [issued[2].license.id])
      expect(await listedCount()).toBe(start + 1)
      expect(await tableCount()).toBe(start + 1)
    })

    it("counts each status as the list filters it, after every write of status, expiry or liveness, and as time passes", async () => {
      const container = getContainer()
      const service = licenseService(container)
      const day = 86_400_000
      const issue = async (order: string, expires_at: Date | null) =>
        (await issueLicense(container, { order_id: `order_status_${order}`, expires_at })).license.id
      const lifetime = await issue("lifetime", null)
      const nextYear = await issue("next_year", new Date(Date.now() + 365 * day))
      const endsSoon = await issue("ends_soon", new Date(Date.now() + 8_000))
      const endedToday = await issue("ended_today", new Date(Date.now() - 60_000))
      const endedLastYear = await issue("ended_last_year", new Date(Date.now() - 365 * day))
      const inGrace = await issue("in_grace", new Date(Date.now() + 30 * day))
      const toSuspend = await issue("to_suspend", new Date(Date.now() + 30 * day))
      const toRevoke = await issue("to_revoke", null)
      const before = await expectListedStatusCounts()
      expect(before.active).toBeGreaterThanOrEqual(6)

      // Into grace by a raw write (the grace_ends_at trigger follows expires_at and grace_days); suspended and revoked
      // through the module.
      await knex.raw(`UPDATE license SET expires_at = now() - interval '1 day', grace_days = 7 WHERE id = ?`, [inGrace])
      await service.suspendLicenses({ license_ids: [toSuspend] }, { reason: "test", actor: { type: "system" } })
      await service.revokeLicenses({ license_ids: [toRevoke] }, { reason: "admin", actor: { type: "system" } })
      let table = await expectListedStatusCounts()
      expect(table.grace).toBe(before.grace + 1)
      expect(table.suspended).toBe(before.suspended + 1)
      expect(table.revoked).toBe(before.revoked + 1)

      // An expiry moved to another day, into the past, and onto today; a key soft-deleted and restored; the revoked key
      // made active again.
      await knex.raw(`UPDATE license SET expires_at = expires_at + interval '40 days' WHERE id = ?`, [nextYear])
      await knex.raw(`UPDATE license SET expires_at = now() - interval '3 days' WHERE id = ?`, [lifetime])
      await knex.raw(`UPDATE license SET expires_at = now() + interval '2 hours' WHERE id = ?`, [endedLastYear])
      await service.softDeleteLicenses([endedToday])
      await expectListedStatusCounts()
      await service.restoreLicenses([endedToday])
      await knex.raw(`UPDATE license SET status = 'active' WHERE id = ?`, [toRevoke])
      await expectListedStatusCounts()

      // A term that starts at the first activation: the Verify API's slot statement sets the expiry.
      const { license: fromFirst, key } = await issueLicense(container, {
        order_id: "order_status_from_first",
        term_days: 30,
        expiry_basis: "from_first_activation",
      })
      expect(fromFirst.expires_at).toBeNull()
      expect((await verifyClient(api).post("/licenses/verify", { license_key: key, domain: "count.example" })).data.code).toBe("valid")
      expect((await service.retrieveLicense(fromFirst.id)).expires_at).not.toBeNull()
      await expectListedStatusCounts()

      // No write at all: the key that ended seconds after it was issued is now counted as expired.
      const activeBefore = (await expectListedStatusCounts()).active
      const { expires_at } = await service.retrieveLicense(endsSoon)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(expires_at!).getTime() - Date.now()) + 1_000))
      table = await expectListedStatusCounts()
      expect(table.active).toBe(activeBefore - 1)
    })

    it("folds each bucket's rows into one without moving a count, beside concurrent checkouts and another fold", async () => {
      const container = getContainer()
      const service = licenseService(container)
      const bucketRows = async () =>
        (await knex.raw(`SELECT count(*)::int AS rows, count(DISTINCT (status, expires_on))::int AS buckets,
                                count(*) FILTER (WHERE licenses = 0)::int AS zeros FROM license_count_bucket`)).rows[0]
      // Rows to fold: keys issued one statement at a time, one revoked and restored (two rows each way).
      const issued = await Promise.all([0, 1, 2, 3].map((i) => issueLicense(container, { order_id: `order_fold_${i}` })))
      await service.revokeLicenses({ license_ids: [issued[0].license.id] }, { reason: "admin", actor: { type: "system" } })
      await knex.raw(`UPDATE license SET status = 'active' WHERE id = ?`, [issued[0].license.id])
      const before = await bucketRows()
      expect(before.rows).toBeGreaterThan(before.buckets)
      await expectListedStatusCounts()

      const checkouts = Array.from({ length: 10 }, (_, order) => checkout(`fold_concurrent_${order}`, 2, "prod_fold"))
      const [first, second] = await Promise.all([foldLicenseCountsJob(container), foldLicenseCountsJob(container), ...checkouts])
      expect(first.folded + second.folded).toBeGreaterThan(0)
      await expectListedStatusCounts()
      expect(await listedCount()).toBe(await tableCount())

      await foldLicenseCountsJob(container)
      const after = await bucketRows()
      expect(after).toEqual({ rows: after.buckets, buckets: after.buckets, zeros: 0 })
      await expectListedStatusCounts()
      expect(await foldLicenseCountsJob(container)).toEqual({ folded: 0, kept: 0 })
    })

    it("counts every key of concurrent checkouts once, and a filtered list still counts its matches", async () => {
      const container = getContainer()
      const start = await tableCount()
      await Promise.all(Array.from({ length: 20 }, (_, order) => checkout(`concurrent_${order}`, 3, "prod_count")))
      expect(await listedCount()).toBe(start + 60)
      expect(await tableCount()).toBe(start + 60)
      expect(await listedCount("&product_id=prod_count")).toBe(60)
    })
  },
})
