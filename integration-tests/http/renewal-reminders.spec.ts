import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import sendLicenseRenewalReminders from "../../src/jobs/send-license-renewal-reminders"
import type LicenseModuleService from "../../src/modules/license/service"
import { buyLicenses, customerAccount } from "../helpers/customer-licenses"
import { setRenewalPolicy } from "../helpers/renewals"
import { type DemoStore, seedStore } from "../helpers/store"
import { settle } from "../helpers/wait"

jest.setTimeout(240 * 1000)

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: DemoStore
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    const remindersTo = async (to: string) =>
      (
        await dbConnection.raw(`SELECT "to", template, channel, data, idempotency_key FROM notification WHERE template = 'license-renewal-reminder' AND "to" = ? ORDER BY created_at`, [to])
      ).rows as { to: string; template: string; channel: string; data: Record<string, unknown> }[]

    it("sends each offset's reminder once per license and expiry, across runs and concurrent runs, with a renewal link and no key; emits license.expiring", async () => {
      expect((await setRenewalPolicy(api, store, "Single site", { renewable: true })).status).toBe(200)
      const alice = await customerAccount(api, store, "alice-remind@example.com")
      const { licenses: [license] } = await buyLicenses(api, getContainer(), store, alice, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const key = licenses().revealKey(license)
      const e0 = new Date(license.expires_at!).getTime()
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      const emit = jest.spyOn(bus, "emit")
      const expiringEvents = () =>
        emit.mock.calls
          .flatMap(([messages]) => (Array.isArray(messages) ? messages : [messages]))
          .filter((m) => m.name === "license.expiring")
          .map((m) => m.data as { id: string; offset_days: number })

      // 31 days before expiry: nothing is due.
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 31 * DAY))).toEqual([])
      // 30 days before, twice: one reminder.
      const first = await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 30 * DAY + HOUR))
      expect(first.map((r) => [r.license_id, r.offset_days])).toEqual([[license.id, -30]])
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 30 * DAY + 2 * HOUR))).toEqual([])
      // 7 days before, two runs at once (two instances): one reminder.
      const [a, b] = await Promise.all([
        sendLicenseRenewalReminders(getContainer(), new Date(e0 - 7 * DAY + HOUR)),
        sendLicenseRenewalReminders(getContainer(), new Date(e0 - 7 * DAY + HOUR)),
      ])
      expect([...a, ...b].map((r) => r.offset_days)).toEqual([-7])
      // After expiry: +1 and +7, once each.
      expect((await sendLicenseRenewalReminders(getContainer(), new Date(e0 + DAY + HOUR))).map((r) => r.offset_days)).toEqual([1])
      expect((await sendLicenseRenewalReminders(getContainer(), new Date(e0 + 7 * DAY + HOUR))).map((r) => r.offset_days)).toEqual([7])
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(e0 + 8 * DAY))).toEqual([])

      const sent = await remindersTo("alice-remind@example.com")
      expect(sent.map((n) => n.data.offset_days)).toEqual([-30, -7, 1, 7])
      for (const n of sent) {
        expect(n).toMatchObject({ channel: "email", template: "license-renewal-reminder" })
        expect(n.data).toMatchObject({
          license_id: license.id,
          key: `…-${license.key_hint}`,
          product_title: "Pro Plugin",
          variant_title: "Single site",
          renewal_url: `http://localhost:8000/account/licenses?renew=${license.id}`,
        })
      }
      const { rows: everything } = await dbConnection.raw("SELECT * FROM notification")
      expect(JSON.stringify(everything)).not.toContain(key)
      expect(JSON.stringify(everything)).not.toContain(key.slice(3, 20))

      await settle()
      expect(expiringEvents().map((e) => [e.id, e.offset_days])).toEqual([[license.id, -30], [license.id, -7], [license.id, 1], [license.id, 7]])
      const { rows: stored } = await dbConnection.raw("SELECT offset_days, sent_at, notification_id FROM license_renewal_reminder ORDER BY offset_days")
      expect(stored.map((r: { offset_days: number }) => r.offset_days)).toEqual([-30, -7, 1, 7])
      expect(stored.every((r: { sent_at: Date | null; notification_id: string | null }) => r.sent_at && r.notification_id)).toBe(true)
      emit.mockRestore()
    })

    it("one job run sends every due reminder, batch after batch (25 due, batches of 10), each once; the next run sends none", async () => {
      expect((await setRenewalPolicy(api, store, "Single site", { renewable: true })).status).toBe(200)
      const dana = await customerAccount(api, store, "dana-remind@example.com")
      const { licenses: bought } = await buyLicenses(api, getContainer(), store, dana, [{ variant_id: store.variants["Single site"], quantity: 25 }])
      expect(bought).toHaveLength(25)
      const due = new Date(new Date(bought[0].expires_at!).getTime() - 30 * DAY + HOUR)

      const sent = await sendLicenseRenewalReminders(getContainer(), due, 10)
      expect(sent).toHaveLength(25)
      expect(new Set(sent.map((r) => r.license_id))).toEqual(new Set(bought.map((l) => l.id)))
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(due.getTime() + HOUR), 10)).toEqual([])

      const notifications = await remindersTo("dana-remind@example.com")
      expect(notifications).toHaveLength(25)
      expect(new Set(notifications.map((n) => n.data.license_id)).size).toBe(25)
      const { rows: stored } = await dbConnection.raw(
        "SELECT count(*)::int AS n, count(sent_at)::int AS sent, count(notification_id)::int AS linked FROM license_renewal_reminder WHERE license_id = ANY(?)",
        [bought.map((l) => l.id)]
      )
      expect(stored[0]).toEqual({ n: 25, sent: 25, linked: 25 })
    })

    it("a reminder claimed by a run that died before sending is sent by a later run once its lease is over, and only once", async () => {
      expect((await setRenewalPolicy(api, store, "Single site", { renewable: true })).status).toBe(200)
      const carol = await customerAccount(api, store, "carol-remind@example.com")
      const { licenses: [license] } = await buyLicenses(api, getContainer(), store, carol, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const due = new Date(new Date(license.expires_at!).getTime() - 30 * DAY + HOUR)
      // The claim alone: the run that made it dies before the notification goes out.
      expect((await licenses().claimRenewalReminders(due, 10)).map((r) => r.offset_days)).toEqual([-30])
      // Another run minutes later (on the job's clock, a day later): the claim's lease is still running, nothing is sent.
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(due.getTime() + DAY))).toEqual([])
      expect(await remindersTo("carol-remind@example.com")).toEqual([])
      // Ten minutes on the database clock: the next run takes the claim over and sends it, once.
      await dbConnection.raw("UPDATE license_renewal_reminder SET updated_at = now() - interval '11 minutes' WHERE license_id = ?", [license.id])
      expect((await sendLicenseRenewalReminders(getContainer(), due)).map((r) => [r.license_id, r.offset_days])).toEqual([[license.id, -30]])
      expect(await sendLicenseRenewalReminders(getContainer(), due)).toEqual([])
      expect((await remindersTo("carol-remind@example.com")).map((n) => n.data.offset_days)).toEqual([-30])
    })

    it("a new expiry (a renewal) starts a new series; no reminder for a non-renewable policy, a revoked key, custom offsets honoured", async () => {
      expect((await setRenewalPolicy(api, store, "Single site", { renewable: true, reminder_offsets_days: [-3] })).status).toBe(200)
      const bob = await customerAccount(api, store, "bob-remind@example.com")
      const { licenses: bought } = await buyLicenses(api, getContainer(), store, bob, [
        { variant_id: store.variants["Single site"], quantity: 2 },
        { variant_id: store.variants["5 sites"], quantity: 1 },
      ])
      const [single, revoked] = bought.filter((l) => l.variant_title === "Single site")
      await licenses().revokeLicenses({ license_ids: [revoked.id] }, { reason: "admin", actor: { type: "system" } })
      const e0 = new Date(single.expires_at!).getTime()
      expect((await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 7 * DAY))).length).toBe(0)
      const due = await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 3 * DAY + HOUR))
      expect(due.map((r) => [r.license_id, r.offset_days])).toEqual([[single.id, -3]])

      const e1 = new Date(e0 + 365 * DAY)
      await licenses().updateLicenses({ id: single.id, expires_at: e1 })
      expect(await sendLicenseRenewalReminders(getContainer(), new Date(e0 - 3 * DAY + 2 * HOUR))).toEqual([])
      const again = await sendLicenseRenewalReminders(getContainer(), new Date(e1.getTime() - 3 * DAY + HOUR))
      expect(again.map((r) => [r.license_id, r.offset_days])).toEqual([[single.id, -3]])
      expect((await remindersTo("bob-remind@example.com")).length).toBe(2)
    })
  },
})
