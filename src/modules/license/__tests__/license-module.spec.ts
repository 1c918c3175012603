import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { LICENSE_MODULE } from ".."
import type { IssueLicenseInput, LicenseDTO } from "../service"
import type LicenseModuleService from "../service"
import { SYSTEM_ACTOR } from "../types"

jest.setTimeout(60 * 1000)

const DAY = 24 * 60 * 60 * 1000

const unit = (overrides: Partial<IssueLicenseInput> = {}): IssueLicenseInput => ({
  customer_id: "cus_1",
  customer_email: "ann@example.com",
  order_id: "order_1",
  order_display_id: 41,
  line_item_id: "ordli_1",
  unit_index: 0,
  product_id: "prod_1",
  variant_id: "variant_1",
  product_title: "Pro Plugin",
  variant_title: "5 sites",
  max_activations: 5,
  term_days: 30,
  ...overrides,
})

moduleIntegrationTestRunner<LicenseModuleService>({
  moduleName: LICENSE_MODULE,
  resolve: "./src/modules/license",
  // The module's own migrations, not a schema made from the models: the triggers and the indexes the models cannot
  // declare (the list's count, grace_ends_at) are part of what these tests exercise.
  pathToMigrations: "./src/modules/license/migrations",
  moduleOptions: { secret: "module-test-secret-".padEnd(48, "x") },
  testSuite: ({ service }) => {
    describe("issueLicenses", () => {
      it("issues each unit of a line item once, however often it is asked", async () => {
        const units = [0, 1, 2].map((i) => unit({ unit_index: i }))
        const first = await service.issueLicenses(units, SYSTEM_ACTOR)
        expect(first.created).toHaveLength(3)
        expect(first.existing).toHaveLength(0)

        const second = await service.issueLicenses([...units, unit({ unit_index: 3 })], SYSTEM_ACTOR)
        expect(second.created.map((l) => l.unit_index)).toEqual([3])
        expect(second.existing).toHaveLength(3)
        expect(await service.listLicenses({ line_item_id: "ordli_1" })).toHaveLength(4)
        expect(await service.listLicenseEvents({ type: "issued" })).toHaveLength(4)
      })

      it("serialises concurrent issuance of the same order in the database", async () => {
        const units = [0, 1, 2, 3, 4].map((i) => unit({ unit_index: i }))
        const results = await Promise.all(Array.from({ length: 6 }, () => service.issueLicenses(units, SYSTEM_ACTOR)))
        expect(results.reduce((n, r) => n + r.created.length, 0)).toBe(5)
        expect(await service.listLicenses({ order_id: "order_1" })).toHaveLength(5)
      })

      it("refuses a second key for the same unit at the database level", async () => {
        await service.issueLicenses([unit()], SYSTEM_ACTOR)
        const [existing] = await service.listLicenses({ line_item_id: "ordli_1" })
        // listLicenses without relations returns the row's columns; its DTO type also
        // lists the hasMany relations (as objects), which the create input takes as ids.
        const row: Omit<LicenseDTO, "events" | "activations"> = existing
        const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, ...copy } = row
        await expect(service.createLicenses({ ...copy, key_hash: "another-hash" })).rejects.toThrow()
      })

      it("computes the expiry from the term, or keeps an explicit one, or none for lifetime", async () => {
        const explicit = new Date("2030-01-01T00:00:00.000Z")
        const { created } = await service.issueLicenses(
          [
            unit({ unit_index: 0, term_days: 30 }),
            unit({ unit_index: 1, term_days: null }),
            unit({ unit_index: 2, expires_at: explicit }),
          ],
          SYSTEM_ACTOR
        )
        const byUnit = new Map(created.map((l) => [l.unit_index, l]))
        expect(Math.abs(new Date(byUnit.get(0)!.expires_at!).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60000)
        expect(byUnit.get(1)!.expires_at).toBeNull()
        expect(new Date(byUnit.get(2)!.expires_at!).toISOString()).toBe(explicit.toISOString())
      })

      it("refuses a negative cap", async () => {
        await expect(service.issueLicenses([unit({ max_activations: -1 })], SYSTEM_ACTOR)).rejects.toThrow()
        expect(await service.listLicenses({})).toHaveLength(0)
      })
    })

    describe("searchLicenses", () => {
      let keys: string[]
      beforeEach(async () => {
        const { created } = await service.issueLicenses(
          [
            unit({ unit_index: 0, term_days: 3 }),
            unit({ unit_index: 1, term_days: null, customer_email: "bob@example.com", order_display_id: 7 }),
            unit({ unit_index: 2, expires_at: new Date(Date.now() - DAY) }),
          ],
          SYSTEM_ACTOR
        )
        created.sort((a, b) => a.unit_index - b.unit_index)
        keys = created.map((l) => service.revealKey(l))
        await service.updateLicenses({ id: created[1].id, status: "suspended" })
      })

      const ids = async (search: Parameters<LicenseModuleService["searchLicenses"]>[0]) => {
        const [licenses] = await service.searchLicenses(search)
        return licenses.map((l) => l.unit_index).sort()
      }

      it("derives active and expired from expires_at", async () => {
        expect(await ids({ status: "active" })).toEqual([0])
        expect(await ids({ status: "expired" })).toEqual([2])
        expect(await ids({ status: "suspended" })).toEqual([1])
        expect(await ids({ status: ["active", "expired"] })).toEqual([0, 2])
      })

      it("finds a license by full key in any format, by hint, by e-mail and by order number", async () => {
        expect(await ids({ q: keys[1].toLowerCase().replace(/-/g, " ") })).toEqual([1])
        expect(await ids({ q: keys[2].slice(-5).toLowerCase() })).toEqual([2])
        expect(await ids({ q: "BOB@example" })).toEqual([1])
        expect(await ids({ q: "#7" })).toEqual([1])
        expect(await ids({ q: "nothing-like-this" })).toEqual([])
      })

      it("lists licenses expiring within N days", async () => {
        expect(await ids({ expiring_within_days: 5 })).toEqual([0])
        expect(await ids({ expiring_within_days: 1 })).toEqual([])
      })

      it("paginates with a total count", async () => {
        const [page, count] = await service.searchLicenses({}, { skip: 1, take: 1 })
        expect(page).toHaveLength(1)
        expect(count).toBe(3)
      })
    })

    describe("searchLicenses paging", () => {
      it("never repeats or skips a license across pages, even when they share a timestamp", async () => {
        // One transaction: every row gets the same created_at (now() is per transaction).
        await service.issueLicenses(
          Array.from({ length: 25 }, (_, i) => unit({ unit_index: i })),
          SYSTEM_ACTOR
        )
        const seen: string[] = []
        for (let skip = 0; skip < 25; skip += 7) {
          const [page] = await service.searchLicenses({}, { skip, take: 7 })
          seen.push(...page.map((l) => l.id))
        }
        expect(seen).toHaveLength(25)
        expect(new Set(seen).size).toBe(25)
      })
    })

    describe("setProductPolicies", () => {
      it("creates then updates the policy of each variant", async () => {
        await service.setProductPolicies("prod_1", [
          { variant_id: "variant_1", licensed: true, max_activations: 1, term_days: 365 },
          { variant_id: "variant_2", licensed: false, max_activations: 0, term_days: null },
        ])
        const saved = await service.setProductPolicies("prod_1", [
          { variant_id: "variant_1", licensed: true, max_activations: 3, term_days: null },
        ])
        expect(saved).toHaveLength(2)
        expect(saved.find((p) => p.variant_id === "variant_1")).toMatchObject({ max_activations: 3, term_days: null })
        expect(await service.listLicensePolicies({ variant_id: "variant_1" })).toHaveLength(1)
      })
    })
  },
})
