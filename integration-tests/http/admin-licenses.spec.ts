import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance, AxiosResponse } from "axios"
import http from "node:http"
import v8 from "node:v8"
import vm from "node:vm"
import { LICENSE_MODULE } from "../../src/modules/license"
import { LICENSE_LIST_ORDERS } from "../../src/modules/license/rules/license-list-order"
import type LicenseModuleService from "../../src/modules/license/service"
import { adminHeaders, type DemoStore, placeOrder, registerCustomer, seedStore } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

const DAY = 24 * 60 * 60 * 1000

type Auth = { headers: Record<string, string> }

/** The fixture every test starts from (the runner restores it before each test). */
type Fixture = {
  store: DemoStore
  alice: { id: string; email: string }
  bob: { id: string; email: string }
  order: { id: string; display_id: number }
  /** Alice's three keys from her order: Single site, then 2 x 5 sites. */
  orderLicenseIds: string[]
  /** Bob's manual keys: expiring in 10 days, already expired, lifetime on another product. */
  soon: string
  expired: string
  lifetime: string
}

/** A minimal RFC 4180 parser: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else {
      field += c
    }
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** A raw GET that records how the body arrives (headers and every chunk). */
function rawGet(api: AxiosInstance, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; chunks: number; body: string }>(
    (resolve, reject) => {
      const req = http.get(new URL(path, api.defaults.baseURL), { headers }, (res) => {
        const parts: Buffer[] = []
        res.on("data", (chunk: Buffer) => parts.push(chunk))
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            chunks: parts.length,
            body: Buffer.concat(parts).toString("utf8"),
          })
        )
        res.on("error", reject)
      })
      req.on("error", reject)
    }
  )
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let fx: Fixture
    let auth: Auth
    let adminId: string
    const licenses = () => getContainer().resolve<LicenseModuleService>(LICENSE_MODULE)
    const keyOf = async (id: string) => licenses().revealKey(await licenses().retrieveLicense(id))
    const list = async (query: Record<string, unknown>) =>
      (await api.get("/admin/licenses", { ...auth, params: query })).data as {
        licenses: { id: string; key: string; status: string }[]
        count: number
      }
    const ids = (l: { licenses: { id: string }[] }) => l.licenses.map((x) => x.id).sort()
    const verify = (key: string, domain: string) =>
      api.post("/licenses/verify", { license_key: key, domain }).then((r: AxiosResponse) => r.data as { valid: boolean; code: string })
    const eventsOf = (id: string) => licenses().listLicenseEvents({ license_id: id }, { order: { created_at: "ASC" } })

    beforeAll(async () => {
      const store = await seedStore(getContainer())
      const shopper = await registerCustomer(api, store, "alice@example.com")
      await registerCustomer(api, store, "bob@example.com")
      const order = await placeOrder(
        api,
        store,
        [
          { variant_id: store.variants["Single site"], quantity: 1 },
          { variant_id: store.variants["5 sites"], quantity: 2 },
        ],
        shopper
      )
      const issued = await waitFor(
        () => licenses().listLicenses({ order_id: order.id }, { order: { variant_title: "DESC", unit_index: "ASC" } }),
        (l) => l.length >= 3
      )
      const authHeaders = await adminHeaders(api, store)
      const { data: customers } = await api.get("/admin/customers", { ...authHeaders, params: { limit: 50 } })
      const byEmail = (email: string) => customers.customers.find((c: { email: string }) => c.email === email)
      const alice = byEmail("alice@example.com")
      const bob = byEmail("bob@example.com")
      const bobUnit = { customer_id: bob.id, customer_email: bob.email }
      const { created } = await licenses().issueLicenses(
        [
          {
            ...bobUnit,
            product_id: store.product_id,
            variant_id: store.variants["Single site"],
            product_title: "Pro Plugin",
            variant_title: "Single site",
            max_activations: 1,
            expires_at: new Date(Date.now() + 10 * DAY),
          },
          {
            ...bobUnit,
            product_id: store.product_id,
            variant_id: store.variants["Single site"],
            product_title: "Pro Plugin",
            variant_title: "Single site",
            max_activations: 1,
            expires_at: new Date(Date.now() - DAY),
          },
          {
            ...bobUnit,
            product_id: "prod_desktop",
            variant_id: "variant_desktop",
            product_title: "Desktop App",
            variant_title: "Team",
            max_activations: 0,
            expires_at: null,
          },
        ],
        { type: "system" }
      )
      fx = {
        store,
        alice: { id: alice.id, email: alice.email },
        bob: { id: bob.id, email: bob.email },
        order: { id: order.id, display_id: order.display_id },
        orderLicenseIds: issued.map((l) => l.id),
        soon: created[0].id,
        expired: created[1].id,
        lifetime: created[2].id,
      }
    })

    beforeEach(async () => {
      auth = await adminHeaders(api, fx.store)
      adminId = (await api.get("/admin/users/me", auth)).data.user.id
    })

    describe("GET /admin/licenses", () => {
      it("lists every key with paging, sorting and the derived status", async () => {
        const all = await list({ limit: 50 })
        expect(all.count).toBe(6)
        const page1 = await list({ limit: 4, offset: 0, order: "created_at" })
        const page2 = await list({ limit: 4, offset: 4, order: "created_at" })
        expect(page1.licenses).toHaveLength(4)
        expect(page2.licenses).toHaveLength(2)
        expect(page1.count).toBe(6)
        expect(new Set([...ids(page1), ...ids(page2)]).size).toBe(6)
        const byExpiry = await list({ order: "expires_at", status: ["active", "expired"], limit: 50 })
        const expiries = byExpiry.licenses.map((l: any) => l.expires_at).filter(Boolean)
        expect(expiries).toEqual([...expiries].sort((a, b) => new Date(a).getTime() - new Date(b).getTime()))
        const expired = all.licenses.find((l) => l.id === fx.expired)!
        expect(expired.status).toBe("expired")
        expect(expired.key).toMatch(/^CP-/)
        expect(expired).not.toHaveProperty("key_hash")
        expect(expired).not.toHaveProperty("key_encrypted")
      })

      it("sorts by every order it offers, ties broken by id, pages never repeating or skipping a key", async () => {
        // Three keys share each of two timestamps; one key suspended (a status tie of five keys); two more keys past
        // their expiry, one of them in grace (the time filters read their matches another way: sql/license-list.ts).
        const all = [...fx.orderLicenseIds, fx.soon, fx.expired, fx.lifetime]
        for (const [i, id] of all.entries()) {
          await dbConnection.raw(`UPDATE license SET created_at = ? WHERE id = ?`, [new Date(Date.UTC(2026, i % 2, 1)), id])
        }
        await dbConnection.raw(`UPDATE license SET status = 'suspended', suspension = 'manual' WHERE id = ?`, [fx.soon])
        const [, expiredToo, inGrace] = fx.orderLicenseIds
        await dbConnection.raw(`UPDATE license SET expires_at = now() - interval '2 days' WHERE id = ?`, [expiredToo])
        await dbConnection.raw(`UPDATE license SET expires_at = now() - interval '1 day', grace_days = 7 WHERE id = ?`, [inGrace])
        const { rows } = await dbConnection.raw(
          `SELECT id, created_at, expires_at, customer_email, product_title, activations_used, max_activations, status
             FROM license WHERE deleted_at IS NULL`
        )
        type Row = Record<string, string | number | Date | null>
        const value = (row: Row, column: string) => {
          const v = row[column]
          return v instanceof Date ? v.getTime() : v
        }
        // PostgreSQL's order: NULL after every value going up, first going down. The texts here are plain ASCII.
        const compare = (a: string | number | null, b: string | number | null) =>
          a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1
        const filters: [Record<string, string | string[]>, string[]][] = [
          [{}, all],
          [{ status: "expired" }, [fx.expired, expiredToo]],
          [{ status: ["expired", "grace"] }, [fx.expired, expiredToo, inGrace]],
        ]
        for (const [filter, matching] of filters) {
          for (const order of LICENSE_LIST_ORDERS) {
            const column = order.replace(/^-/, "")
            const sign = order.startsWith("-") ? -1 : 1
            const expected = (rows as Row[])
              .filter((row) => matching.includes(row.id as string))
              .sort((a, b) => sign * (compare(value(a, column), value(b, column)) || compare(value(a, "id"), value(b, "id"))))
              .map((row) => row.id)
            const paged: string[] = []
            for (let offset = 0; offset < matching.length; offset += 2) {
              const page = await list({ ...filter, order, limit: 2, offset })
              expect({ filter, order, count: page.count }).toEqual({ filter, order, count: matching.length })
              paged.push(...page.licenses.map((l) => l.id))
            }
            expect({ filter, order, paged }).toEqual({ filter, order, paged: expected })
          }
        }
      })

      it("filters by status, product, customer, order and expiring within N days", async () => {
        expect(ids(await list({ status: "expired" }))).toEqual([fx.expired])
        expect((await list({ status: "active" })).count).toBe(5)
        expect(ids(await list({ product_id: "prod_desktop" }))).toEqual([fx.lifetime])
        expect(ids(await list({ customer_id: fx.bob.id }))).toEqual([fx.soon, fx.expired, fx.lifetime].sort())
        expect(ids(await list({ order_id: fx.order.id }))).toEqual([...fx.orderLicenseIds].sort())
        expect(ids(await list({ expiring_within_days: 30 }))).toEqual([fx.soon])
        expect((await list({ expiring_within_days: 400 })).count).toBe(4)
        expect(ids(await list({ status: ["expired", "active"], product_id: "prod_desktop" }))).toEqual([fx.lifetime])
      })

      it("searches by full key (any format), the key's last group, customer e-mail and order display id", async () => {
        const key = await keyOf(fx.soon)
        expect(ids(await list({ q: key }))).toEqual([fx.soon])
        expect(ids(await list({ q: key.toLowerCase().replace(/-/g, " ") }))).toEqual([fx.soon])
        expect(ids(await list({ q: key.split("-").pop()!.toLowerCase() }))).toEqual([fx.soon])
        expect((await list({ q: "bob@example" })).count).toBe(3)
        expect(ids(await list({ q: String(fx.order.display_id) }))).toEqual([...fx.orderLicenseIds].sort())
        expect(ids(await list({ q: `#${fx.order.display_id}` }))).toEqual([...fx.orderLicenseIds].sort())
        expect((await list({ q: "nobody@nowhere.test" })).count).toBe(0)
      })

      it("rejects bad filters with 400", async () => {
        for (const params of [{ status: "lost" }, { limit: 0 }, { expiring_within_days: -1 }, { order: "key_hash" }]) {
          const res = await api.get("/admin/licenses", { ...auth, params, validateStatus: () => true })
          expect(res.status).toBe(400)
        }
      })
    })

    describe("GET /admin/licenses/:id", () => {
      it("returns the key with its activations and its history", async () => {
        const id = fx.orderLicenseIds[1]
        const key = await keyOf(id)
        expect((await verify(key, "one.example")).valid).toBe(true)
        expect((await verify(key, "two.example")).valid).toBe(true)
        const { data } = await api.get(`/admin/licenses/${id}`, auth)
        expect(data.license).toMatchObject({
          id,
          key,
          status: "active",
          customer_id: fx.alice.id,
          order_id: fx.order.id,
          order_display_id: fx.order.display_id,
          product_title: "Pro Plugin",
          variant_title: "5 sites",
          max_activations: 5,
          activations_used: 2,
        })
        expect(data.license.activations.map((a: any) => a.identifier).sort()).toEqual(["one.example", "two.example"])
        expect(data.license.activations[0]).toMatchObject({ kind: "domain", released_at: null })
        expect(data.license.events.map((e: any) => e.type)).toEqual(["activated", "activated", "issued"])
        const missing = await api.get("/admin/licenses/lic_missing", { ...auth, validateStatus: () => true })
        expect(missing.status).toBe(404)
      })
    })

    describe("POST /admin/licenses/:id", () => {
      it("edits expiry, max activations and notes and records one `updated` event with before and after", async () => {
        const id = fx.soon
        const before = await licenses().retrieveLicense(id)
        const expiresAt = new Date(Date.now() + 100 * DAY)
        expiresAt.setMilliseconds(0)
        const { data } = await api.post(
          `/admin/licenses/${id}`,
          { expires_at: expiresAt.toISOString(), max_activations: 3, notes: "  VIP customer  " },
          auth
        )
        expect(data.license).toMatchObject({
          id,
          expires_at: expiresAt.toISOString(),
          max_activations: 3,
          notes: "VIP customer",
          status: "active",
        })
        expect(data.changes).toEqual({
          expires_at: { from: new Date(before.expires_at!).toISOString(), to: expiresAt.toISOString() },
          max_activations: { from: 1, to: 3 },
          notes: { from: null, to: "VIP customer" },
        })
        const updated = (await eventsOf(id)).filter((e) => e.type === "updated")
        expect(updated).toHaveLength(1)
        expect(updated[0]).toMatchObject({ actor_type: "admin", actor_id: adminId, data: { changes: data.changes } })

        // Lifetime, and an edit that changes nothing writes no event.
        const lifetime = await api.post(`/admin/licenses/${id}`, { expires_at: null }, auth)
        expect(lifetime.data.license.expires_at).toBeNull()
        expect(lifetime.data.changes).toEqual({ expires_at: { from: expiresAt.toISOString(), to: null } })
        const same = await api.post(`/admin/licenses/${id}`, { max_activations: 3, notes: "VIP customer" }, auth)
        expect(same.data.changes).toEqual({})
        expect((await eventsOf(id)).filter((e) => e.type === "updated")).toHaveLength(2)

        // An expired key becomes valid again when its expiry moves to the future.
        const renewed = await api.post(`/admin/licenses/${fx.expired}`, { expires_at: expiresAt.toISOString() }, auth)
        expect(renewed.data.license.status).toBe("active")
      })

      it("lowering max activations under the used count keeps the held slots and refuses new ones", async () => {
        const id = fx.orderLicenseIds[1]
        const key = await keyOf(id)
        for (const domain of ["a.example", "b.example", "c.example"]) {
          expect((await verify(key, domain)).valid).toBe(true)
        }
        const { data } = await api.post(`/admin/licenses/${id}`, { max_activations: 1 }, auth)
        expect(data.license).toMatchObject({ max_activations: 1, activations_used: 3 })
        expect(await verify(key, "a.example")).toMatchObject({ valid: true, code: "valid" })
        expect(await verify(key, "c.example")).toMatchObject({ valid: true, code: "valid" })
        expect(await verify(key, "d.example")).toMatchObject({ valid: false, code: "max_activations_exceeded" })

        // Unlimited again: new identities get a slot.
        await api.post(`/admin/licenses/${id}`, { max_activations: 0 }, auth)
        expect(await verify(key, "d.example")).toMatchObject({ valid: true })
      })

      it("rejects invalid edits with 400 and an unknown license with 404", async () => {
        const id = fx.soon
        for (const body of [
          { max_activations: -1 },
          { max_activations: 1.5 },
          { max_activations: "many" },
          { expires_at: "not a date" },
          {},
          { status: "revoked" },
        ]) {
          const res = await api.post(`/admin/licenses/${id}`, body, { ...auth, validateStatus: () => true })
          expect([res.status, body]).toEqual([400, body])
        }
        const missing = await api.post("/admin/licenses/lic_missing", { notes: "x" }, { ...auth, validateStatus: () => true })
        expect(missing.status).toBe(404)
        expect((await eventsOf(id)).filter((e) => e.type === "updated")).toHaveLength(0)
      })
    })

    describe("free a slot and reset all", () => {
      it("frees one slot: the activation row stays, the count drops, the domain may come back", async () => {
        const id = fx.orderLicenseIds[1]
        const key = await keyOf(id)
        for (const domain of ["one.example", "two.example", "three.example"]) {
          expect((await verify(key, domain)).valid).toBe(true)
        }
        const { data: before } = await api.get(`/admin/licenses/${id}`, auth)
        const two = before.license.activations.find((a: any) => a.identifier === "two.example")

        const { data } = await api.delete(`/admin/licenses/${id}/activations/${two.id}`, auth)
        expect(data.released).toEqual({ id: two.id, kind: "domain", identifier: "two.example" })
        expect(data.license.activations_used).toBe(2)
        const { data: after } = await api.get(`/admin/licenses/${id}`, auth)
        const row = after.license.activations.find((a: any) => a.id === two.id)
        expect(row.released_at).toBeTruthy()
        expect(after.license.activations.filter((a: any) => !a.released_at)).toHaveLength(2)
        const freed = (await eventsOf(id)).filter((e) => e.type === "deactivated")
        expect(freed.map((e) => [e.actor_type, e.actor_id, (e.data as any).identifier])).toEqual([
          ["admin", adminId, "two.example"],
        ])

        // Freed twice, or someone else's activation, or an unknown license: 404, nothing changes.
        for (const path of [
          `/admin/licenses/${id}/activations/${two.id}`,
          `/admin/licenses/${fx.soon}/activations/${before.license.activations[0].id}`,
          `/admin/licenses/lic_missing/activations/${two.id}`,
        ]) {
          const res = await api.delete(path, { ...auth, validateStatus: () => true })
          expect([path, res.status]).toEqual([path, 404])
        }
        expect((await licenses().retrieveLicense(id)).activations_used).toBe(2)

        // The freed domain verifies again and takes a slot again.
        expect(await verify(key, "two.example")).toMatchObject({ valid: true })
        expect((await licenses().retrieveLicense(id)).activations_used).toBe(3)
      })

      it("resets all slots with one `reset` event, so a full key accepts new sites again", async () => {
        const id = fx.orderLicenseIds[0] // Single site: 1 slot
        const key = await keyOf(id)
        expect((await verify(key, "old-site.example")).valid).toBe(true)
        expect(await verify(key, "new-site.example")).toMatchObject({ code: "max_activations_exceeded" })

        const { data } = await api.post(`/admin/licenses/${id}/reset`, {}, auth)
        expect(data).toMatchObject({ released: 1, license: { activations_used: 0 } })
        const resets = (await eventsOf(id)).filter((e) => e.type === "reset")
        expect(resets).toHaveLength(1)
        expect(resets[0]).toMatchObject({
          actor_type: "admin",
          actor_id: adminId,
          data: { released: 1, activations_used: 0, slots: [{ kind: "domain", identifier: "old-site.example" }] },
        })
        expect((await eventsOf(id)).filter((e) => e.type === "deactivated")).toHaveLength(0)
        expect(await verify(key, "new-site.example")).toMatchObject({ valid: true })

        // new-site.example holds the slot now: the next reset frees it; one more finds
        // nothing to free and writes no event. Unknown license: 404.
        expect((await api.post(`/admin/licenses/${id}/reset`, {}, auth)).data.released).toBe(1)
        const again = await api.post(`/admin/licenses/${id}/reset`, {}, auth)
        expect(again.data).toMatchObject({ released: 0, license: { activations_used: 0 } })
        expect((await eventsOf(id)).filter((e) => e.type === "reset")).toHaveLength(2)
        const missing = await api.post("/admin/licenses/lic_missing/reset", {}, { ...auth, validateStatus: () => true })
        expect(missing.status).toBe(404)
      })
    })

    describe("revoke, suspend and reinstate", () => {
      it("revokes one license for good with the admin's reason", async () => {
        const id = fx.orderLicenseIds[0]
        const key = await keyOf(id)
        expect((await verify(key, "shop.example")).valid).toBe(true)
        const missingReason = await api.post(`/admin/licenses/${id}/revoke`, { reason: "  " }, { ...auth, validateStatus: () => true })
        expect(missingReason.status).toBe(400)

        const { data } = await api.post(`/admin/licenses/${id}/revoke`, { reason: "Chargeback" }, auth)
        expect(data.license).toMatchObject({ id, status: "revoked", revoke_reason: "Chargeback" })
        expect(data.license.revoked_at).toBeTruthy()
        expect(await verify(key, "shop.example")).toMatchObject({ valid: false, code: "revoked" })
        const revokedEvents = (await eventsOf(id)).filter((e) => e.type === "revoked")
        expect(revokedEvents).toHaveLength(1)
        expect(revokedEvents[0]).toMatchObject({
          actor_type: "admin",
          actor_id: adminId,
          data: { reason: "Chargeback", previous_status: "active" },
        })

        // Permanent: no second revoke, no suspend, no reinstate; each says why.
        for (const [action, message] of [
          ["revoke", /already revoked/],
          ["suspend", /revoked license cannot be suspended/],
          ["reinstate", /revoked license cannot be reinstated/],
        ] as const) {
          const res = await api.post(`/admin/licenses/${id}/${action}`, { reason: "again" }, { ...auth, validateStatus: () => true })
          expect([action, res.status]).toEqual([action, 400])
          expect(res.data.message).toMatch(message)
        }
        expect((await licenses().retrieveLicense(id)).status).toBe("revoked")
        expect((await eventsOf(id)).filter((e) => e.type === "revoked")).toHaveLength(1)
        const missing = await api.post("/admin/licenses/lic_missing/revoke", { reason: "x" }, { ...auth, validateStatus: () => true })
        expect(missing.status).toBe(404)
      })

      it("suspends and reinstates, keeping the activations", async () => {
        const id = fx.orderLicenseIds[1]
        const key = await keyOf(id)
        expect((await verify(key, "kept.example")).valid).toBe(true)

        const suspended = await api.post(`/admin/licenses/${id}/suspend`, {}, auth)
        expect(suspended.data.license).toMatchObject({ status: "suspended", suspension: "manual", activations_used: 1 })
        expect(await verify(key, "kept.example")).toMatchObject({ valid: false, code: "suspended", suspension: "manual" })
        // The admin's list and detail say why it is suspended.
        expect((await api.get(`/admin/licenses/${id}`, auth)).data.license).toMatchObject({ suspension: "manual" })
        const listed = (await api.get(`/admin/licenses?status=suspended&limit=500`, auth)).data.licenses
        expect(listed.find((l: { id: string }) => l.id === id)).toMatchObject({ status: "suspended", suspension: "manual" })
        const again = await api.post(`/admin/licenses/${id}/suspend`, {}, { ...auth, validateStatus: () => true })
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/already suspended/)

        const reinstated = await api.post(`/admin/licenses/${id}/reinstate`, { reason: "Paid up" }, auth)
        expect(reinstated.data.license).toMatchObject({ status: "active", suspension: null, activations_used: 1 })
        expect(await verify(key, "kept.example")).toMatchObject({ valid: true })
        expect((await verify(key, "kept.example")) as object).not.toHaveProperty("suspension")
        const notSuspended = await api.post(`/admin/licenses/${id}/reinstate`, {}, { ...auth, validateStatus: () => true })
        expect(notSuspended.status).toBe(400)
        expect(notSuspended.data.message).toMatch(/Only a suspended license/)

        const history = (await eventsOf(id)).filter((e) => e.type === "suspended" || e.type === "reinstated")
        expect(history.map((e) => [e.type, e.actor_type, e.actor_id, (e.data as any).reason])).toEqual([
          ["suspended", "admin", adminId, "admin"],
          ["reinstated", "admin", adminId, "Paid up"],
        ])

        // The admin can also lift a suspension the system made (a dispute).
        await licenses().suspendLicenses({ license_ids: [id] }, { actor: { type: "system" }, reason: "dispute" })
        const lifted = await api.post(`/admin/licenses/${id}/reinstate`, {}, auth)
        expect(lifted.data.license.status).toBe("active")
      })

      it("bulk-revokes the chosen licenses and reports the ones it skipped", async () => {
        const [a, b, c] = fx.orderLicenseIds
        await api.post(`/admin/licenses/${c}/revoke`, { reason: "Earlier" }, auth)
        const { data } = await api.post(
          "/admin/licenses/bulk-revoke",
          { ids: [a, b, c, "lic_missing", a], reason: "Fraudulent order" },
          auth
        )
        expect(data.revoked.sort()).toEqual([a, b].sort())
        expect(data.skipped.sort()).toEqual([c, "lic_missing"].sort())
        for (const id of [a, b]) {
          const license = await licenses().retrieveLicense(id)
          expect(license).toMatchObject({ status: "revoked", revoke_reason: "Fraudulent order" })
          const events = (await eventsOf(id)).filter((e) => e.type === "revoked")
          expect(events.map((e) => [e.actor_type, e.actor_id])).toEqual([["admin", adminId]])
        }
        expect((await licenses().retrieveLicense(c)).revoke_reason).toBe("Earlier")
        expect((await list({ status: "revoked" })).count).toBe(3)

        for (const body of [{ ids: [], reason: "x" }, { ids: [a] }, { ids: [a], reason: "" }, { ids: "x", reason: "y" }]) {
          const res = await api.post("/admin/licenses/bulk-revoke", body, { ...auth, validateStatus: () => true })
          expect([body, res.status]).toEqual([body, 400])
        }
      })
    })

    describe("GET /admin/licenses/export", () => {
      const columns = [
        "license_key",
        "customer_email",
        "customer_id",
        "customer_discord_id",
        "product",
        "variant",
        "expires_at",
        "max_activations",
        "activations_used",
        "status",
        "order_id",
        "order_display_id",
        "created_at",
        "id",
      ]
      const exportedIds = async (search: Record<string, string | string[] | number>) => {
        const query = new URLSearchParams()
        for (const [name, value] of Object.entries(search)) {
          for (const one of Array.isArray(value) ? value : [value]) {
            query.append(Array.isArray(value) ? `${name}[]` : name, String(one))
          }
        }
        const rows = parseCsv((await rawGet(api, `/admin/licenses/export?${query}`, auth.headers)).body).slice(1)
        return rows.map((r) => r[columns.indexOf("id")]).sort()
      }

      it("exports the current filter as CSV with every column plus order id and created date", async () => {
        const res = await rawGet(api, "/admin/licenses/export?customer_id=" + fx.alice.id, auth.headers)
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toMatch(/^text\/csv/)
        expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="licenses-.*\.csv"$/)
        const [header, ...rows] = parseCsv(res.body)
        expect(header).toEqual(columns)
        expect(rows).toHaveLength(3)
        const byId = new Map(rows.map((r) => [r[columns.indexOf("id")], Object.fromEntries(columns.map((c, i) => [c, r[i]]))]))
        for (const id of fx.orderLicenseIds) {
          const license = await licenses().retrieveLicense(id)
          expect(byId.get(id)).toEqual({
            license_key: licenses().revealKey(license),
            customer_email: "alice@example.com",
            customer_id: fx.alice.id,
            customer_discord_id: "",
            product: "Pro Plugin",
            variant: license.variant_title,
            expires_at: new Date(license.expires_at!).toISOString(),
            max_activations: String(license.max_activations),
            activations_used: "0",
            status: "active",
            order_id: fx.order.id,
            order_display_id: String(fx.order.display_id),
            created_at: new Date(license.created_at).toISOString(),
            id,
          })
        }

        // Same filters as the list: status, search, lifetime.
        const expired = parseCsv((await rawGet(api, "/admin/licenses/export?status=expired", auth.headers)).body)
        expect(expired.slice(1).map((r) => r[columns.indexOf("id")])).toEqual([fx.expired])
        const desktop = parseCsv((await rawGet(api, "/admin/licenses/export?q=bob%40example.com&product_id=prod_desktop", auth.headers)).body)
        expect(desktop.slice(1).map((r) => [r[columns.indexOf("id")], r[columns.indexOf("expires_at")], r[columns.indexOf("max_activations")]])).toEqual([
          [fx.lifetime, "lifetime", "0"],
        ])
        const none = parseCsv((await rawGet(api, "/admin/licenses/export?q=nobody", auth.headers)).body)
        expect(none).toEqual([columns])
      })

      it("lists and exports the expected licenses for every status, search and filter", async () => {
        // One key of each stored and derived status, and a Discord ID, next to the fixture's active and expired keys.
        const [graceId, suspendedId, revokedId] = fx.orderLicenseIds
        await dbConnection.raw(`UPDATE license SET expires_at = now() - interval '1 day', grace_days = 7 WHERE id = ?`, [graceId])
        await dbConnection.raw(`UPDATE license SET status = 'suspended', suspension = 'manual' WHERE id = ?`, [suspendedId])
        await dbConnection.raw(`UPDATE license SET status = 'revoked', revoked_at = now() WHERE id = ?`, [revokedId])
        const discordId = "123456789012345678"
        await dbConnection.raw(`UPDATE license SET customer_discord_id = ? WHERE id = ?`, [discordId, fx.soon])
        const key = await keyOf(fx.soon)
        const alices = fx.orderLicenseIds
        const bobs = [fx.soon, fx.expired, fx.lifetime]
        const searches: [Record<string, string | string[] | number>, string[]][] = [
          [{}, [...alices, ...bobs]],
          [{ status: "active" }, [fx.soon, fx.lifetime]],
          [{ status: "expired" }, [fx.expired]],
          [{ status: "grace" }, [graceId]],
          [{ status: "suspended" }, [suspendedId]],
          [{ status: "revoked" }, [revokedId]],
          [{ status: ["expired", "grace", "revoked"] }, [fx.expired, graceId, revokedId]],
          [{ q: key }, [fx.soon]],
          [{ q: key.toLowerCase().replace(/-/g, " ") }, [fx.soon]],
          [{ q: key.split("-").pop()!.toLowerCase() }, [fx.soon]],
          [{ q: "bob@exa" }, bobs],
          [{ q: "ALICE" }, alices],
          // A whole address in another case: that address's keys.
          [{ q: "BOB@Example.COM" }, bobs],
          [{ q: " alice@example.com " }, alices],
          [{ q: "bob@example.com", status: "expired" }, [fx.expired]],
          [{ q: `#${fx.order.display_id}` }, alices],
          [{ q: String(fx.order.display_id) }, alices],
          [{ q: discordId }, [fx.soon]],
          [{ q: "nobody@nowhere.test" }, []],
          [{ product_id: fx.store.product_id }, [...alices, fx.soon, fx.expired]],
          [{ product_id: ["prod_desktop", "prod_none"] }, [fx.lifetime]],
          [{ customer_id: fx.alice.id }, alices],
          [{ customer_id: [fx.alice.id, fx.bob.id], status: "active" }, [fx.soon, fx.lifetime]],
          [{ order_id: fx.order.id }, alices],
          [{ variant_id: fx.store.variants["Single site"] }, [graceId, fx.soon, fx.expired]],
          [{ expiring_within_days: 30 }, [fx.soon]],
          [{ expiring_within_days: 400 }, [fx.soon]],
          [{ expiring_within_days: 30, status: "grace" }, []],
          [{ q: "example", status: ["active", "grace"], product_id: fx.store.product_id }, [fx.soon, graceId]],
        ]
        for (const [search, expected] of searches) {
          const listed = await list({ ...search, limit: 500 })
          expect({ search, listed: ids(listed), count: listed.count }).toEqual({ search, listed: [...expected].sort(), count: expected.length })
          expect({ search, exported: await exportedIds(search) }).toEqual({ search, exported: [...expected].sort() })
        }
        const grace = parseCsv((await rawGet(api, "/admin/licenses/export?status=grace", auth.headers)).body)[1]
        expect([grace[columns.indexOf("id")], grace[columns.indexOf("status")]]).toEqual([graceId, "grace"])
      })

      it("matches a whole e-mail address only, not the addresses that end with it", async () => {
        // b@example.com is the end of bob@example.com, and alice@example.com ends with lice@example.com.
        await dbConnection.raw(`UPDATE license SET customer_email = 'B@example.com' WHERE id = ?`, [fx.lifetime])
        await dbConnection.raw(`UPDATE license SET customer_email = 'lice@example.com' WHERE id = ?`, [fx.orderLicenseIds[0]])
        const searches: [string, string[]][] = [
          ["b@example.com", [fx.lifetime]],
          ["bob@example.com", [fx.soon, fx.expired]],
          ["lice@example.com", [fx.orderLicenseIds[0]]],
          ["ALICE@example.com", fx.orderLicenseIds.slice(1)],
          // A part of an address still finds every address that contains it.
          ["b@example", [fx.soon, fx.expired, fx.lifetime]],
          ["lice@", fx.orderLicenseIds],
        ]
        for (const [q, expected] of searches) {
          expect({ q, listed: ids(await list({ q, limit: 500 })) }).toEqual({ q, listed: [...expected].sort() })
          expect({ q, exported: await exportedIds({ q }) }).toEqual({ q, exported: [...expected].sort() })
        }
      })

      it("streams large exports in batches with chunked transfer, every row once", async () => {
        // 2,345 more keys of one product, written straight into the table.
        const template = await licenses().retrieveLicense(fx.lifetime)
        await dbConnection.raw(
          `INSERT INTO license (id, key_hash, key_encrypted, key_hint, status, customer_email, product_id,
                                product_title, variant_title, max_activations, activations_used, unit_index,
                                created_at, updated_at)
           SELECT 'lic_bulk_' || lpad(i::text, 6, '0'), 'bulk-hash-' || i, ?, 'BULK0', 'active',
                  'bulk' || i || '@example.com', 'prod_bulk', 'Bulk, "quoted" product', 'Seat', 1, 0, 0, now(), now()
             FROM generate_series(1, 2345) AS i`,
          [template.key_encrypted]
        )
        const res = await rawGet(api, "/admin/licenses/export?product_id=prod_bulk", auth.headers)
        expect(res.status).toBe(200)
        expect(res.headers["transfer-encoding"]).toBe("chunked")
        expect(res.headers["content-length"]).toBeUndefined()
        expect(res.chunks).toBeGreaterThan(1)
        const [header, ...rows] = parseCsv(res.body)
        expect(header).toEqual(columns)
        expect(rows).toHaveLength(2345)
        const rowIds = rows.map((r) => r[columns.indexOf("id")])
        expect(new Set(rowIds).size).toBe(2345)
        expect(rows[0][columns.indexOf("product")]).toBe('Bulk, "quoted" product')
        expect(rows[0][columns.indexOf("license_key")]).toBe(licenses().revealKey(template))
      })

      it("exports 100,000 licenses while the retained memory stays flat", async () => {
        const template = await licenses().retrieveLicense(fx.lifetime)
        await dbConnection.raw(
          `INSERT INTO license (id, key_hash, key_encrypted, key_hint, status, customer_email, product_id,
                                product_title, variant_title, max_activations, activations_used, unit_index,
                                created_at, updated_at)
           SELECT 'lic_scale_' || lpad(i::text, 7, '0'), 'scale-hash-' || i, ?, 'SCALE', 'active',
                  'scale' || i || '@example.com', 'prod_scale', 'Scale', 'Seat', 1, 0, 0, now(), now()
             FROM generate_series(1, 100000) AS i`,
          [template.key_encrypted]
        )
        // The server runs in this process: the heap it keeps after a full GC,
        // sampled while the download is under way, must not grow with the rows sent.
        v8.setFlagsFromString("--expose-gc")
        const gc = vm.runInNewContext("gc") as () => void
        const retainedMb = () => {
          gc()
          return process.memoryUsage().heapUsed / 1e6
        }
        const before = retainedMb()
        const samples: number[] = []
        let lines = 0
        let chunks = 0
        let nextSample = 20_000
        const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
          http
            .get(new URL("/admin/licenses/export?product_id=prod_scale", api.defaults.baseURL), { headers: auth.headers }, (res) => {
              res.on("data", (chunk: Buffer) => {
                chunks++
                for (const byte of chunk) {
                  if (byte === 10) {
                    lines++
                  }
                }
                if (lines >= nextSample) {
                  samples.push(retainedMb())
                  nextSample += 20_000
                }
              })
              res.on("end", () => resolve(res.headers))
              res.on("error", reject)
            })
            .on("error", reject)
        })
        expect(headers["transfer-encoding"]).toBe("chunked")
        expect(lines).toBe(100_001)
        expect(chunks).toBeGreaterThan(100)
        expect(samples.length).toBeGreaterThanOrEqual(4)
        // 100,000 rows are about 13 MB of CSV; the retained heap moves by far less.
        expect(Math.max(...samples) - before).toBeLessThan(25)
      })

      it("neutralises spreadsheet formulas in text cells", async () => {
        await licenses().updateLicenses({ id: fx.lifetime, product_title: "=HYPERLINK(\"http://evil\")" })
        const rows = parseCsv((await rawGet(api, `/admin/licenses/export?product_id=prod_desktop`, auth.headers)).body)
        expect(rows[1][columns.indexOf("product")]).toBe("'=HYPERLINK(\"http://evil\")")
      })
    })

    describe("POST /admin/licenses (issue by hand)", () => {
      it("issues a key to a customer for a licensed variant, with optional expiry and max activations", async () => {
        const expiresAt = new Date(Date.now() + 30 * DAY)
        const { data, status } = await api.post(
          "/admin/licenses",
          {
            customer_id: fx.bob.id,
            variant_id: fx.store.variants["5 sites"],
            expires_at: expiresAt.toISOString(),
            max_activations: 7,
          },
          auth
        )
        expect(status).toBe(201)
        expect(data.license).toMatchObject({
          customer_id: fx.bob.id,
          customer_email: fx.bob.email,
          product_id: fx.store.product_id,
          product_title: "Pro Plugin",
          variant_title: "5 sites",
          max_activations: 7,
          expires_at: expiresAt.toISOString(),
          order_id: null,
          status: "active",
        })
        expect(data.license.key).toMatch(/^CP-/)
        const events = await eventsOf(data.license.id)
        expect(events.map((e) => [e.type, e.actor_type, e.actor_id])).toEqual([["issued", "admin", adminId]])

        // Without expiry and cap: the variant policy's (Unlimited sites: lifetime, 0).
        const policyDefaults = await api.post(
          "/admin/licenses",
          { customer_id: fx.alice.id, variant_id: fx.store.variants["Unlimited sites"] },
          auth
        )
        expect(policyDefaults.data.license).toMatchObject({ expires_at: null, max_activations: 0 })
        expect((await list({ customer_id: fx.bob.id })).count).toBe(4)
      })

      it("rejects a missing customer or variant and bad values", async () => {
        const bad = [
          { variant_id: fx.store.variants["5 sites"] },
          { customer_id: fx.bob.id, variant_id: fx.store.variants["5 sites"], max_activations: -2 },
        ]
        for (const body of bad) {
          const res = await api.post("/admin/licenses", body, { ...auth, validateStatus: () => true })
          expect(res.status).toBe(400)
        }
        const unknown = await api.post(
          "/admin/licenses",
          { customer_id: "cus_missing", variant_id: fx.store.variants["5 sites"] },
          { ...auth, validateStatus: () => true }
        )
        expect(unknown.status).toBeGreaterThanOrEqual(400)
        expect((await list({})).count).toBe(6)
      })
    })

    describe("license policies", () => {
      it("reads and writes the policy of each variant of a product", async () => {
        const path = `/admin/products/${fx.store.product_id}/license-policies`
        const { data: read } = await api.get(path, auth)
        const byTitle = Object.fromEntries(read.license_policies.map((p: any) => [p.variant_title, p]))
        expect(byTitle["Single site"]).toMatchObject({ licensed: true, max_activations: 1, term_days: 365 })
        expect(byTitle["Unlimited sites"]).toMatchObject({ licensed: true, max_activations: 0, term_days: null })

        await api.post(
          path,
          {
            policies: [
              { variant_id: fx.store.variants["Single site"], licensed: true, max_activations: 2, term_days: 30 },
              { variant_id: fx.store.variants["Unlimited sites"], licensed: false, max_activations: 0, term_days: null },
            ],
          },
          auth
        )
        const { data: after } = await api.get(path, auth)
        const afterByTitle = Object.fromEntries(after.license_policies.map((p: any) => [p.variant_title, p]))
        expect(afterByTitle["Single site"]).toMatchObject({ licensed: true, max_activations: 2, term_days: 30 })
        expect(afterByTitle["5 sites"]).toMatchObject({ licensed: true, max_activations: 5, term_days: 365 })
        expect(afterByTitle["Unlimited sites"]).toMatchObject({ licensed: false })

        // The variant picker of "Issue license" lists licensed variants only, with titles.
        const { data: licensed } = await api.get("/admin/license-policies", { ...auth, params: { licensed: "true" } })
        expect(licensed.license_policies.map((p: any) => [p.product_title, p.variant_title])).toEqual([
          ["Pro Plugin", "5 sites"],
          ["Pro Plugin", "Single site"],
        ])
        const { data: every } = await api.get("/admin/license-policies", auth)
        expect(every.license_policies).toHaveLength(3)

        const invalid = await api.post(
          path,
          { policies: [{ variant_id: fx.store.variants["Single site"], licensed: true, max_activations: -1, term_days: 0 }] },
          { ...auth, validateStatus: () => true }
        )
        expect(invalid.status).toBe(400)
      })
    })

    it("answers 401 to every admin license route without a session or token", async () => {
      const id = fx.soon
      const calls: [string, string, unknown?][] = [
        ["get", "/admin/licenses"],
        ["post", "/admin/licenses", { customer_id: fx.bob.id, variant_id: fx.store.variants["5 sites"] }],
        ["get", `/admin/licenses/${id}`],
        ["post", `/admin/licenses/${id}`, { notes: "x" }],
        ["get", "/admin/licenses/export"],
        ["post", `/admin/licenses/${id}/revoke`, { reason: "x" }],
        ["post", `/admin/licenses/${id}/suspend`, {}],
        ["post", `/admin/licenses/${id}/reinstate`, {}],
        ["post", "/admin/licenses/bulk-revoke", { ids: [id], reason: "x" }],
        ["delete", `/admin/licenses/${id}/activations/lact_any`],
        ["post", `/admin/licenses/${id}/reset`, {}],
        ["get", "/admin/license-policies"],
        ["get", `/admin/products/${fx.store.product_id}/license-policies`],
        ["post", `/admin/products/${fx.store.product_id}/license-policies`, { policies: [] }],
      ]
      for (const [method, path, body] of calls) {
        const res = await api.request({ method, url: path, data: body, validateStatus: () => true })
        expect([method, path, res.status]).toEqual([method, path, 401])
      }
      expect(await licenses().retrieveLicense(id)).toMatchObject({ notes: null, status: "active" })
    })
  },
})
