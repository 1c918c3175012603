import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { createPublicKey } from "node:crypto"
import { activationsUsed, heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { buyLicenses, customerAccount, storeClient } from "../helpers/customer-licenses"
import { adminHeaders, seedStore } from "../helpers/store"

jest.setTimeout(120 * 1000)

// Machine licensing (docs/verify-api.md "Who the caller is"): an app that sends a
// fingerprint is identified as that machine, which holds one slot, as a domain does.

const fp = (n: number | string) => `machine-fingerprint-${n}-0123456789abcdef`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(17)

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const verify = (body: unknown, from = freshIp()) => client.post("/licenses/verify", body, { from })
    const deactivate = (body: unknown, from = freshIp()) => client.post("/licenses/deactivate", body, { from })
    const updates = (body: unknown, from = freshIp()) => client.post("/licenses/updates", body, { from })

    it("a new machine takes a slot, the known machine takes none, from any IP; the signed answer names the machine", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
      const first = await verify({ license_key: key, fingerprint: fp(1), name: "  Ana's MacBook  " })
      expect(first.status).toBe(200)
      expect(first.data).toMatchObject({
        valid: true,
        code: "valid",
        identity: { kind: "machine", value: fp(1) },
        license: { activations_used: 1, max_activations: 2 },
      })
      const publicKey = createPublicKey((await client.get("/licenses/public-key")).data.pem)
      const signed = jwt.verify(first.data.signature, publicKey, { algorithms: ["ES256"] }) as Record<string, any>
      expect(signed.identity).toEqual({ kind: "machine", value: fp(1) })

      // Same machine, another IP, another domain and name: still its one slot.
      for (const domain of [undefined, "shop.example.com"]) {
        const again = await verify({ license_key: key, fingerprint: fp(1), domain, name: "renamed" })
        expect(again.data).toMatchObject({ valid: true, identity: { kind: "machine", value: fp(1) }, license: { activations_used: 1 } })
      }
      const held = await heldActivations(getContainer(), license.id)
      expect(held.map((a) => [a.kind, a.identifier, a.name])).toEqual([["machine", fp(1), "Ana's MacBook"]])
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      const second = await verify({ license_key: key, fingerprint: fp(2) })
      expect(second.data).toMatchObject({ valid: true, license: { activations_used: 2 } })
      const third = await verify({ license_key: key, fingerprint: fp(3) })
      expect(third.data).toMatchObject({ valid: false, code: "max_activations_exceeded", identity: { kind: "machine", value: fp(3) } })
      expect(await activationsUsed(getContainer(), license.id)).toBe(2)
    })

    it("12 machines racing a 5-seat key: exactly 5 valid answers and 5 held machines", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 5 })
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => verify({ license_key: key, fingerprint: fp(`race-${i}`) })))
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200))
      const valid = answers.filter((a) => a.data.valid)
      expect(valid).toHaveLength(5)
      expect(answers.filter((a) => a.data.code === "max_activations_exceeded")).toHaveLength(7)
      const held = await heldActivations(getContainer(), license.id)
      expect(held).toHaveLength(5)
      expect(held.every((a) => a.kind === "machine")).toBe(true)
      expect(new Set(held.map((a) => a.identifier))).toEqual(new Set(valid.map((a) => a.data.identity.value)))
      expect(await activationsUsed(getContainer(), license.id)).toBe(5)
    })

    it("the same new machine verifying 10 times at once takes one slot", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 5 })
      const answers = await Promise.all(Array.from({ length: 10 }, () => verify({ license_key: key, fingerprint: fp("same") })))
      expect(answers.every((a) => a.data.valid)).toBe(true)
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)
    })

    it("deactivate frees the machine's slot; another machine can take it", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 1 })
      expect((await verify({ license_key: key, fingerprint: fp("a") })).data.valid).toBe(true)
      expect((await verify({ license_key: key, fingerprint: fp("b") })).data.code).toBe("max_activations_exceeded")

      const other = await deactivate({ license_key: key, fingerprint: fp("b") })
      expect(other.data).toMatchObject({ deactivated: false, code: "not_activated", identity: { kind: "machine", value: fp("b") } })
      const freed = await deactivate({ license_key: key, fingerprint: fp("a") })
      expect(freed.data).toMatchObject({ deactivated: true, code: "deactivated", identity: { kind: "machine", value: fp("a") }, license: { activations_used: 0 } })
      expect(await activationsUsed(getContainer(), license.id)).toBe(0)
      expect((await verify({ license_key: key, fingerprint: fp("b") })).data).toMatchObject({ valid: true, license: { activations_used: 1 } })
    })

    it("one key mixes machines, domains and IPs, each its own slot; a machine that reports a domain does not hold the domain's slot", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 4 })
      const ip = freshIp()
      expect((await verify({ license_key: key, fingerprint: fp("mix"), domain: "mixed.example.com" })).data.identity).toEqual({ kind: "machine", value: fp("mix") })
      expect((await verify({ license_key: key, domain: "mixed.example.com" })).data).toMatchObject({ valid: true, identity: { kind: "domain" }, license: { activations_used: 2 } })
      expect((await verify({ license_key: key }, ip)).data).toMatchObject({ valid: true, identity: { kind: "ip", value: ip }, license: { activations_used: 3 } })
      const held = await heldActivations(getContainer(), license.id)
      expect(held.map((a) => a.kind).sort()).toEqual(["domain", "ip", "machine"])
      // The domain's deactivate frees the domain, not the machine that reported it.
      expect((await deactivate({ license_key: key, domain: "mixed.example.com" })).data).toMatchObject({ deactivated: true, identity: { kind: "domain" } })
      expect((await heldActivations(getContainer(), license.id)).map((a) => a.kind).sort()).toEqual(["ip", "machine"])
    })

    it("a blocked domain stays blocked when the app adds a fingerprint", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 3 })
      await licenseService(getContainer()).updateLicenseDetails(license.id, { blocked_domains: ["blocked.example.com"] }, { type: "system" })
      const res = await verify({ license_key: key, fingerprint: fp("blocked"), domain: "blocked.example.com" })
      expect(res.data).toMatchObject({ valid: false, code: "blocked", identity: { kind: "machine" } })
      expect(await activationsUsed(getContainer(), license.id)).toBe(0)
    })

    it("the update check identifies the machine the same way", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
      const res = await updates({ license_key: key, fingerprint: fp("upd"), name: "Build server", version: "1.0.0" })
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ valid: true, identity: { kind: "machine", value: fp("upd") }, license: { activations_used: 1 } })
      const again = await updates({ license_key: key, fingerprint: fp("upd"), version: "1.0.0" })
      expect(again.data).toMatchObject({ valid: true, license: { activations_used: 1 } })
      expect((await heldActivations(getContainer(), license.id)).map((a) => [a.kind, a.name])).toEqual([["machine", "Build server"]])
    })

    it("a fingerprint or name out of range is 400 invalid_request, and takes nothing", async () => {
      const { license, key } = await issueLicense(getContainer(), { max_activations: 2 })
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ["/licenses/verify", { fingerprint: "short" }, /fingerprint must be 8 to 256 characters/],
        ["/licenses/verify", { fingerprint: "x".repeat(257) }, /fingerprint is too long \(at most 256 characters\)/],
        ["/licenses/verify", { fingerprint: "        " }, /white space/],
        ["/licenses/verify", { fingerprint: 12345678 }, /fingerprint must be a string/],
        ["/licenses/verify", { fingerprint: "abc\u0007defgh" }, /control characters/],
        ["/licenses/verify", { fingerprint: fp("n"), name: "x".repeat(101) }, /name is too long \(at most 100 characters\)/],
        ["/licenses/deactivate", { fingerprint: "short" }, /fingerprint must be 8 to 256 characters/],
        ["/licenses/updates", { fingerprint: "short", version: "1.0.0" }, /fingerprint must be 8 to 256 characters/],
      ]
      for (const [path, body, message] of cases) {
        const res = await client.post(path, { license_key: key, ...body }, { from: freshIp() })
        expect([path, res.status, res.data.code]).toEqual([path, 400, "invalid_request"])
        expect(res.data.message).toMatch(message)
      }
      expect(await activationsUsed(getContainer(), license.id)).toBe(0)
    })

    it("the customer's account and the admin's license detail show machines by name and fingerprint, and free them like domains", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const ana = await customerAccount(api, store, "ana-machines@example.com")
      const { licenses } = await buyLicenses(api, getContainer(), store, ana, [{ variant_id: store.variants["5 sites"], quantity: 1 }])
      const key = licenseService(getContainer()).revealKey(licenses[0])
      const id = licenses[0].id
      expect((await verify({ license_key: key, fingerprint: fp("ana-mac"), name: "Ana's MacBook" })).data.valid).toBe(true)
      expect((await verify({ license_key: key, fingerprint: fp("ana-pc") })).data.valid).toBe(true)
      expect((await verify({ license_key: key, domain: "ana-shop.com" })).data.valid).toBe(true)

      const store_ = storeClient(api, store)
      const mine = await store_.get(ana, `/store/customers/me/licenses/${id}`)
      expect(mine.status).toBe(200)
      expect(mine.data.license.activations).toEqual([
        expect.objectContaining({ kind: "machine", identifier: fp("ana-mac"), name: "Ana's MacBook", first_seen_at: expect.any(String), last_seen_at: expect.any(String) }),
        expect.objectContaining({ kind: "machine", identifier: fp("ana-pc"), name: null }),
        expect.objectContaining({ kind: "domain", identifier: "ana-shop.com", name: null }),
      ])
      const admin = await api.get(`/admin/licenses/${id}`, auth)
      expect(admin.data.license.activations).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: "machine", identifier: fp("ana-mac"), name: "Ana's MacBook", released_at: null })])
      )

      // The customer frees one machine, the admin the other: each slot goes, the rows stay as history.
      const [mac, pc] = mine.data.license.activations
      const freed = await store_.delete(ana, `/store/customers/me/licenses/${id}/activations/${mac.id}`)
      expect(freed.status).toBe(200)
      const byAdmin = await api.delete(`/admin/licenses/${id}/activations/${pc.id}`, { ...auth, validateStatus: () => true })
      expect(byAdmin.status).toBe(200)
      expect((await heldActivations(getContainer(), id)).map((a) => a.kind)).toEqual(["domain"])
      expect(await activationsUsed(getContainer(), id)).toBe(1)
      const history = (await api.get(`/admin/licenses/${id}`, auth)).data.license.activations
      expect(history.filter((a: any) => a.kind === "machine" && a.released_at).map((a: any) => a.name).sort()).toEqual([null, "Ana's MacBook"].sort())
    })
  },
})
