import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import jwt from "jsonwebtoken"
import { createPublicKey } from "node:crypto"
import releaseDeadMachinesJob from "../../src/jobs/release-dead-machines"
import { activationsUsed, heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { adminHeaders, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

// Heartbeats and floating seats (docs/verify-api.md "Heartbeats and floating seats"):
// on a key whose policy sets heartbeat_interval_seconds, a machine keeps its seat only
// while it verifies within 2 x interval + 60 s; dead seats are freed by the job, or
// taken over at once by a new machine that finds every seat held.

const fp = (n: number | string) => `heartbeat-machine-${n}-0123456789abcdef`
const SECOND = 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(61)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const verify = (body: unknown) => client.post("/licenses/verify", body, { from: freshIp() })
    const heartbeat = (body: unknown) => client.post("/licenses/heartbeat", body, { from: freshIp() })
    const floating = (seats: number, interval = 60) =>
      issueLicense(getContainer(), { max_activations: seats, heartbeat_interval_seconds: interval })

    /** Makes a held machine's last heartbeat `seconds` old (the database clock decides the takeover). */
    const lastSeenAgo = async (licenseId: string, fingerprint: string, seconds: number) => {
      await knex().raw(
        `UPDATE license_activation SET last_seen_at = now() - make_interval(secs => ?)
          WHERE license_id = ? AND kind = 'machine' AND identifier = ? AND released_at IS NULL`,
        [seconds, licenseId, fingerprint]
      )
    }
    const releasedRows = async (licenseId: string) =>
      (
        await knex().raw(
          `SELECT identifier, released_by FROM license_activation WHERE license_id = ? AND released_at IS NOT NULL ORDER BY identifier`,
          [licenseId]
        )
      ).rows as { identifier: string; released_by: string }[]
    const deactivatedEvents = async (licenseId: string) =>
      (
        await knex().raw(
          `SELECT actor_type, data FROM license_event WHERE license_id = ? AND type = 'deactivated' ORDER BY created_at, id`,
          [licenseId]
        )
      ).rows as { actor_type: string; data: Record<string, any> }[]

    it("the policy field is saved, validated and snapshot on keys issued from it", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const path = `/admin/products/${store.product_id}/license-policies`
      const variant = store.variants["5 sites"]
      const before = (await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === variant)
      expect(before.heartbeat_interval_seconds).toBeNull()

      for (const bad of [30, 0, 2_592_001, 90.5, "300"]) {
        const res = await api.post(
          path,
          { policies: [{ variant_id: variant, licensed: true, max_activations: 3, term_days: null, heartbeat_interval_seconds: bad }] },
          { ...auth, validateStatus: () => true }
        )
        expect(res.status).toBe(400)
        expect(res.data.type ?? res.data.code).toBeTruthy()
      }
      await api.post(
        path,
        { policies: [{ variant_id: variant, licensed: true, max_activations: 3, term_days: null, heartbeat_interval_seconds: 300 }] },
        auth
      )
      const after = (await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === variant)
      expect(after).toMatchObject({ max_activations: 3, heartbeat_interval_seconds: 300 })

      // A key issued from the policy carries the interval; verify reads it from the key.
      const { data } = await api.post("/admin/licenses", { customer_email: "floating@example.com", variant_id: variant }, auth)
      const issued = await licenseService(getContainer()).retrieveLicense(data.license.id)
      expect(issued.heartbeat_interval_seconds).toBe(300)
      const answer = await verify({ license_key: data.license.key, fingerprint: fp("policy") })
      expect(answer.data).toMatchObject({ valid: true, heartbeat: { interval_seconds: 300 } })

      // Absent = unchanged; null turns it off for keys issued later, not for keys already sold.
      await api.post(path, { policies: [{ variant_id: variant, licensed: true, max_activations: 3, term_days: null }] }, auth)
      expect((await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === variant).heartbeat_interval_seconds).toBe(300)
      await api.post(
        path,
        { policies: [{ variant_id: variant, licensed: true, max_activations: 3, term_days: null, heartbeat_interval_seconds: null }] },
        auth
      )
      expect((await api.get(path, auth)).data.license_policies.find((p: any) => p.variant_id === variant).heartbeat_interval_seconds).toBeNull()
      expect((await licenseService(getContainer()).retrieveLicense(data.license.id)).heartbeat_interval_seconds).toBe(300)
    })

    it("POST /licenses/heartbeat: the verify pipeline, a signed answer saying when the next heartbeat is due", async () => {
      const { license, key } = await floating(2, 120)
      const sentAt = Date.now()
      const first = await heartbeat({ license_key: key, fingerprint: fp(1), name: "Build box" })
      expect(first.status).toBe(200)
      expect(first.data).toMatchObject({
        valid: true,
        code: "valid",
        identity: { kind: "machine", value: fp(1) },
        license: { activations_used: 1, max_activations: 2 },
        heartbeat: { interval_seconds: 120 },
      })
      const due = Date.parse(first.data.heartbeat.due_at)
      expect(due).toBeGreaterThanOrEqual(sentAt + 120 * SECOND - 5 * SECOND)
      expect(due).toBeLessThanOrEqual(Date.now() + 120 * SECOND + 5 * SECOND)
      expect(Date.parse(first.data.heartbeat.seat_released_after) - due).toBe((120 + 60) * SECOND)
      const publicKey = createPublicKey((await client.get("/licenses/public-key")).data.pem)
      const signed = jwt.verify(first.data.signature, publicKey, { algorithms: ["ES256"] }) as Record<string, any>
      expect(signed.heartbeat).toEqual(first.data.heartbeat)

      // The known machine: same seat; verify answers the same heartbeat field.
      const again = await verify({ license_key: key, fingerprint: fp(1) })
      expect(again.data).toMatchObject({ valid: true, license: { activations_used: 1 }, heartbeat: { interval_seconds: 120 } })
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      // Same codes as verify.
      await heartbeat({ license_key: key, fingerprint: fp(2) })
      const full = await heartbeat({ license_key: key, fingerprint: fp(3) })
      expect(full.data).toMatchObject({ valid: false, code: "max_activations_exceeded", heartbeat: null })
      const unknown = await heartbeat({ license_key: "CP-AAAA-BBBB-CCCC-DDDD", fingerprint: fp(1) })
      expect(unknown.status).toBe(200)
      expect(unknown.data).toMatchObject({ valid: false, heartbeat: null })
      expect(["not_found", "malformed"]).toContain(unknown.data.code)

      // A heartbeat names its machine: no fingerprint is a typed 400.
      for (const body of [{ license_key: key }, { license_key: key, fingerprint: "" }, { license_key: key, domain: "shop.example" }]) {
        const res = await heartbeat(body)
        expect(res.status).toBe(400)
        expect(res.data).toMatchObject({ code: "invalid_request" })
        expect(res.data.message).toMatch(/fingerprint/)
      }
      // A domain on a heartbeat key, and a machine on a key without heartbeats: no heartbeat asked.
      const site = await verify({ license_key: key, domain: "heartbeat-free.example" })
      expect(site.data).toMatchObject({ code: "max_activations_exceeded", heartbeat: null })
      const plain = await issueLicense(getContainer(), { max_activations: 1 })
      const noBeat = await heartbeat({ license_key: plain.key, fingerprint: fp(1) })
      expect(noBeat.data).toMatchObject({ valid: true, heartbeat: null })
    })

    it("a new machine takes a dead machine's seat in the slot statement; a live one, a domain and a key without heartbeats keep theirs", async () => {
      const { license, key } = await floating(3, 60)
      for (const n of [1, 2]) {
        expect((await verify({ license_key: key, fingerprint: fp(n) })).data.valid).toBe(true)
      }
      expect((await verify({ license_key: key, domain: "site.example" })).data.valid).toBe(true)
      // Nearly dead (the limit is 2 x 60 + 60 = 180 s): not taken over.
      await lastSeenAgo(license.id, fp(1), 170)
      expect((await verify({ license_key: key, fingerprint: fp(3) })).data).toMatchObject({ code: "max_activations_exceeded" })
      // The domain never expires this way, however old.
      await knex().raw(`UPDATE license_activation SET last_seen_at = now() - interval '30 days' WHERE license_id = ? AND kind = 'domain'`, [license.id])
      expect((await verify({ license_key: key, fingerprint: fp(3) })).data).toMatchObject({ code: "max_activations_exceeded" })

      await lastSeenAgo(license.id, fp(1), 181)
      const taker = await verify({ license_key: key, fingerprint: fp(3) })
      expect(taker.data).toMatchObject({ valid: true, license: { activations_used: 3 }, heartbeat: { interval_seconds: 60 } })
      expect(await activationsUsed(getContainer(), license.id)).toBe(3)
      const held = await heldActivations(getContainer(), license.id)
      expect(held.map((a) => a.identifier).sort()).toEqual([fp(2), fp(3), "site.example"].sort())
      expect(await releasedRows(license.id)).toEqual([{ identifier: fp(1), released_by: "heartbeat" }])
      const events = await deactivatedEvents(license.id)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({
        actor_type: "system",
        data: { kind: "machine", identifier: fp(1), released_by: "heartbeat", activations_used: 3, taken_by: fp(3) },
      })

      // The dead machine comes back: its seat is gone and the key is full.
      expect((await heartbeat({ license_key: key, fingerprint: fp(1) })).data).toMatchObject({ code: "max_activations_exceeded" })

      // Without heartbeats on the key, an old machine keeps its seat.
      const plain = await issueLicense(getContainer(), { max_activations: 1 })
      await verify({ license_key: plain.key, fingerprint: fp("plain-1") })
      await lastSeenAgo(plain.license.id, fp("plain-1"), 365 * 86_400)
      expect((await verify({ license_key: plain.key, fingerprint: fp("plain-2") })).data).toMatchObject({ code: "max_activations_exceeded" })
    })

    it("the release job frees dead machine seats at its clock, keeps live ones, and a heartbeat keeps a seat alive", async () => {
      const { license, key } = await floating(3, 60)
      const plain = await issueLicense(getContainer(), { max_activations: 1 })
      for (const n of [1, 2, 3]) {
        await heartbeat({ license_key: key, fingerprint: fp(`job-${n}`) })
      }
      await verify({ license_key: key, domain: "job-site.example" }) // refused: full
      await verify({ license_key: plain.key, fingerprint: fp("job-plain") })
      expect(await activationsUsed(getContainer(), license.id)).toBe(3)

      // Before the limit (2 x 60 + 60 s): nothing is freed.
      expect(await releaseDeadMachinesJob(getContainer(), new Date(Date.now() + 170 * SECOND))).toMatchObject({ released: 0 })
      expect(await activationsUsed(getContainer(), license.id)).toBe(3)

      // Machine 1 keeps sending heartbeats (its last-seen was 100 s ago; the heartbeat refreshes it).
      await lastSeenAgo(license.id, fp("job-1"), 100)
      const beat = await heartbeat({ license_key: key, fingerprint: fp("job-1") })
      expect(beat.data).toMatchObject({ valid: true })
      await waitFor(
        async () => (await heldActivations(getContainer(), license.id)).find((a) => a.identifier === fp("job-1"))!.last_seen_at,
        (seen) => Date.now() - new Date(seen).getTime() < 30 * SECOND
      )
      await lastSeenAgo(license.id, fp("job-2"), 100)
      await lastSeenAgo(license.id, fp("job-3"), 100)

      // 90 s later, by the job's clock: 2 and 3 are 190 s old (dead), 1 is ~90 s old (alive).
      const result = await releaseDeadMachinesJob(getContainer(), new Date(Date.now() + 90 * SECOND))
      expect(result).toMatchObject({ released: 2, licenses: 1, complete: true })
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      expect((await heldActivations(getContainer(), license.id)).map((a) => a.identifier)).toEqual([fp("job-1")])
      expect(await releasedRows(license.id)).toEqual([
        { identifier: fp("job-2"), released_by: "heartbeat" },
        { identifier: fp("job-3"), released_by: "heartbeat" },
      ])
      const events = await deactivatedEvents(license.id)
      expect(events.map((e) => [e.actor_type, e.data.released_by, e.data.identifier]).sort()).toEqual([
        ["system", "heartbeat", fp("job-2")],
        ["system", "heartbeat", fp("job-3")],
      ])
      // The key without heartbeats is untouched even far in the future; a second run frees nothing more.
      expect(await releaseDeadMachinesJob(getContainer(), new Date(Date.now() + 90 * SECOND))).toMatchObject({ released: 0 })
      expect(await activationsUsed(getContainer(), plain.license.id)).toBe(1)
      expect(await releaseDeadMachinesJob(getContainer(), new Date(Date.now() + 400 * 86_400 * SECOND))).toMatchObject({ released: 1 })
      expect(await activationsUsed(getContainer(), plain.license.id)).toBe(1)

      // Freed seats serve new machines.
      expect((await verify({ license_key: key, fingerprint: fp("job-4") })).data).toMatchObject({ valid: true, license: { activations_used: 1 } })
    })

    it("floating seats: 50 machines race for 5 seats, 5 win; when one dies exactly one of 50 new machines gets in", async () => {
      const { license, key } = await floating(5, 60)
      const race = async (prefix: string) =>
        await Promise.all(Array.from({ length: 50 }, (_, i) => heartbeat({ license_key: key, fingerprint: fp(`${prefix}-${i}`) })))

      const first = await race("a")
      expect(first.map((r) => r.status)).toEqual(Array(50).fill(200))
      expect(first.filter((r) => r.data.valid)).toHaveLength(5)
      expect(first.filter((r) => r.data.code === "max_activations_exceeded")).toHaveLength(45)
      const winners = (await heldActivations(getContainer(), license.id)).map((a) => a.identifier)
      expect(winners).toHaveLength(5)

      await lastSeenAgo(license.id, winners[0], 600)
      const second = await race("b")
      expect(second.filter((r) => r.data.valid)).toHaveLength(1)
      expect(await activationsUsed(getContainer(), license.id)).toBe(5)
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)

      // Two die; the release job and 50 new machines race: 2 get in, the count stays exact.
      const alive = (await heldActivations(getContainer(), license.id)).map((a) => a.identifier)
      await lastSeenAgo(license.id, alive[1], 600)
      await lastSeenAgo(license.id, alive[2], 600)
      const [third] = await Promise.all([race("c"), releaseDeadMachinesJob(getContainer())])
      expect(third.filter((r) => r.data.valid)).toHaveLength(2)
      expect(await activationsUsed(getContainer(), license.id)).toBe(5)
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(5)
      expect((await releasedRows(license.id)).filter((r) => r.released_by === "heartbeat")).toHaveLength(3)
    })
  },
})
