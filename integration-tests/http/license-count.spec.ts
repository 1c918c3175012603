import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { issueLicense, licenseService } from "../helpers/licenses"

jest.setTimeout(180 * 1000)

/**
 * The admin's unfiltered license list reads its "N results" from the count the triggers keep
 * (Migration20261211100000, sql/license-count.ts): it must equal count(*) after every kind of write.
 */
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

    it("counts every key of concurrent checkouts once, and a filtered list still counts its matches", async () => {
      const container = getContainer()
      const start = await tableCount()
      const service = licenseService(container)
      await Promise.all(
        Array.from({ length: 20 }, (_, order) =>
          service.issueLicenses(
            [0, 1, 2].map((unit_index) => ({
              order_id: `order_concurrent_${order}`,
              line_item_id: `ordli_concurrent_${order}`,
              unit_index,
              product_id: "prod_count",
              variant_id: "variant_count",
              max_activations: 1,
            })),
            { type: "system" }
          )
        )
      )
      expect(await listedCount()).toBe(start + 60)
      expect(await tableCount()).toBe(start + 60)
      expect(await listedCount("&product_id=prod_count")).toBe(60)
    })
  },
})
