// A license's machines and the admin's offline activation in a real browser (Debian chromium
// driven by playwright-core) against the real dev host, as admin-transfers.browser.spec.ts:
// a desktop app's machine activated through the Verify API is listed by name and short
// fingerprint and freed; an air-gapped machine's activation request file is uploaded, the
// license file downloads and its ES256 signature verifies with the store's public Verify key
// (docs/entitlements-and-license-files.md). Screenshots only on failure, to test-artifacts/ (git-ignored).
import axios from "axios"
import { createPublicKey, verify as verifySignature } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"

jest.setTimeout(420 * 1000)

const decodePart = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

describe("admin dashboard: a license's machines and offline activation in a real browser", () => {
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined

  beforeAll(async () => {
    host = await startDevHost("admin_machines")
    browser = await launchChromium("The admin machines browser test")
  })

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
  })

  it("lists a machine by name and short fingerprint and frees it; an uploaded activation request downloads a signed license file", async () => {
    const { baseUrl, seed, admin } = host!
    const api = axios.create({ baseURL: baseUrl })
    const { data: created } = await admin.post("/admin/customers", { email: "lab@example.com" })
    const { data: issued } = await admin.post("/admin/licenses", { customer_id: created.customer.id, variant_id: seed.variants["5 sites"] })
    const licenseId = issued.license.id as string
    const key = issued.license.key as string
    const detail = async () => (await admin.get(`/admin/licenses/${licenseId}`)).data

    // A desktop app verifies with its machine's fingerprint and name: one slot.
    const fingerprint = "f00dfeed0123456789abcdef0123456789abcdef"
    const verified = await api.post("/licenses/verify", { license_key: key, fingerprint, name: "Studio Mac" })
    expect(verified.data).toMatchObject({ valid: true, identity: { kind: "machine", value: fingerprint } })
    expect((await detail()).license.activations_used).toBe(1)

    const opened = await openAdminPage(browser!)
    page = opened.page
    try {
      await logInToAdmin(page, baseUrl, seed.admin_email, seed.admin_password)
      await page.goto(`${baseUrl}/app/licenses/${licenseId}`, { timeout: 120_000 })

      // Activations: the machine by its name, its fingerprint as the first 8 and last 4 characters
      // (the whole one in the tooltip), kind Machine.
      const row = page.getByTestId("activation-row").filter({ hasText: "Studio Mac" })
      await row.waitFor({ timeout: 120_000 })
      const identity = row.getByTestId("machine-identity")
      expect((await identity.innerText()).split(/\n+/)).toEqual(["Studio Mac", "f00dfeed…cdef"])
      expect(await identity.getAttribute("title")).toBe(fingerprint)
      expect(await row.getByText("Machine", { exact: true }).count()).toBe(1)

      // Free slot, confirmed: the row moves to the freed ones and the slot is gone on the server.
      await row.getByRole("button", { name: "Free slot" }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText("Studio Mac loses its activation").waitFor()
      await prompt.getByRole("button", { name: "Free slot" }).click()
      await page.getByText("Slot freed").first().waitFor()
      await row.waitFor({ state: "detached" })
      await page.getByTestId("released-activation-row").filter({ hasText: "Studio Mac" }).filter({ hasText: "by an admin" }).waitFor()
      const afterFree = await detail()
      expect(afterFree.license.activations_used).toBe(0)
      expect(afterFree.license.activations).toEqual([
        expect.objectContaining({ kind: "machine", identifier: fingerprint, name: "Studio Mac", released_by: "admin", released_at: expect.any(String) }),
      ])

      // Offline activation: the request file an air-gapped machine's app writes; the license file downloads.
      const airGapped = "lab-pc-3-0123456789abcdef0123456789"
      const request = { type: "license_activation_request", version: 1, key_hint: issued.license.key_hint, fingerprint: airGapped, name: "Lab PC 3" }
      const fileInput = page.getByLabel("Activation request file")
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        fileInput.setInputFiles({ name: "activation-request.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(request)) }),
      ])
      expect(download.suggestedFilename()).toBe(`license-${issued.license.key_hint}.lic`)
      const saved = path.join(ARTIFACTS, "admin-machines-license.lic")
      await download.saveAs(saved)
      const token = fs.readFileSync(saved, "utf8")
      fs.rmSync(saved, { force: true })
      await page.getByText("License file downloaded").first().waitFor()

      // The file is an ES256 JWT signed with the store's Verify key, for this license and machine, without the key.
      const { data: publicKey } = await api.get("/licenses/public-key")
      const [header, payload, signature] = token.split(".")
      expect(decodePart(header)).toMatchObject({ alg: "ES256", kid: publicKey.kid })
      const verifies = (p: string) =>
        verifySignature("sha256", Buffer.from(`${header}.${p}`), { key: createPublicKey(publicKey.pem), dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))
      expect(verifies(payload)).toBe(true)
      const file = decodePart(payload)
      expect(file).toMatchObject({ type: "license_file", license: { id: licenseId, key_hint: issued.license.key_hint }, machine: { fingerprint: airGapped, name: "Lab PC 3" } })
      expect(verifies(Buffer.from(JSON.stringify({ ...file, machine: { fingerprint: "another-machine-0123", name: null } })).toString("base64url"))).toBe(false)
      expect(token).not.toContain(key)

      // The air-gapped machine now holds a slot, and the page lists it.
      await page.getByTestId("activation-row").filter({ hasText: "Lab PC 3" }).filter({ hasText: "lab-pc-3…6789" }).waitFor()
      expect((await detail()).license.activations_used).toBe(1)

      // A file that is not an activation request: the typed message, no file, no slot.
      await fileInput.setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("hello") })
      await page.getByText("invalid_activation_request: activation_request is not JSON").first().waitFor()
      expect((await detail()).license.activations_used).toBe(1)
      expect(opened.pageErrors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, "admin-machines-failure.png"), fullPage: true }).catch(() => undefined)
      throw error
    }
  })
})
