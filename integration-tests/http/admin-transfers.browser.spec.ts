// The admin's Transfers card in a real browser (Debian chromium driven by
// playwright-core) against the real dev host, as admin-dashboard.browser.spec.ts:
// a direct transfer to an e-mail sends a claim ("Claim sent to ..., expires ..."),
// the admin cancels it, then transfers to an existing customer picked by id.
// Screenshots go to test-artifacts/ (git-ignored).
import axios from "axios"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { registerCustomer } from "../helpers/store"

jest.setTimeout(420 * 1000)

describe("admin dashboard: license transfers in a real browser", () => {
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined

  beforeAll(async () => {
    host = await startDevHost("admin_transfers")
    browser = await launchChromium("The admin transfers browser test")
  })

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
  })

  it("sends a claim to an e-mail and shows it, cancels it, then moves the license to a customer picked by id", async () => {
    const { baseUrl, seed, admin } = host!
    const store = axios.create({ baseURL: baseUrl })
    const me = async (token: string) =>
      (
        await store.get("/store/customers/me", {
          headers: { "x-publishable-api-key": seed.publishable_key, authorization: `Bearer ${token}` },
        })
      ).data.customer as { id: string }
    const owner = await me((await registerCustomer(store, seed, "erin@example.com")).token)
    const next = await me((await registerCustomer(store, seed, "frank@example.com")).token)
    const { data: issued } = await admin.post("/admin/licenses", { customer_id: owner.id, variant_id: seed.variants["5 sites"] })
    const licenseId = issued.license.id as string

    const opened = await openAdminPage(browser!)
    page = opened.page
    const dialog = () => page!.getByRole("dialog")
    await logInToAdmin(page, baseUrl, seed.admin_email, seed.admin_password)
    await page.goto(`${baseUrl}/app/licenses/${licenseId}`, { timeout: 120_000 })

    // Transfer -> to an e-mail: a claim link, the license stays with Erin.
    await page.getByRole("button", { name: "Transfer", exact: true }).click({ timeout: 120_000 })
    await dialog().getByLabel("New owner's e-mail").fill("grace@example.com")
    await dialog().getByRole("button", { name: "Transfer", exact: true }).click()
    const claimLine = page.getByTestId("transfer-claim")
    await claimLine.filter({ hasText: "Claim sent to grace@example.com, expires" }).waitFor()
    await page.getByTestId("transfer-request").filter({ hasText: "Awaiting claim" }).waitFor()
    await dialog().waitFor({ state: "hidden" })
    expect(await page.getByRole("button", { name: "Transfer", exact: true }).isDisabled()).toBe(true)
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-transfer-claim-sent.png"), fullPage: true })
    expect((await admin.get(`/admin/licenses/${licenseId}`)).data.license.customer_id).toBe(owner.id)

    // Cancel claim.
    await page.getByRole("button", { name: "Cancel claim" }).click()
    await page.getByTestId("transfer-request").filter({ hasText: "Canceled" }).waitFor()
    expect(await claimLine.count()).toBe(0)
    const { data: listed } = await admin.get("/admin/license-transfers", { params: { license_id: licenseId } })
    expect(listed.transfers[0]).toMatchObject({ status: "canceled", claim: { canceled_at: expect.any(String) } })

    // Transfer -> to an existing customer by id: moved at once.
    await page.getByRole("button", { name: "Transfer", exact: true }).click()
    await dialog().getByLabel("To an existing customer (by id)").click()
    await dialog().getByLabel("Customer id").fill(next.id)
    await dialog().getByRole("button", { name: "Transfer", exact: true }).click()
    await page.getByTestId("transfer-request").filter({ hasText: "Transferred" }).waitFor()
    await dialog().waitFor({ state: "hidden" })
    await page.screenshot({ path: path.join(ARTIFACTS, "admin-transfer-by-id.png"), fullPage: true })
    expect((await admin.get(`/admin/licenses/${licenseId}`)).data.license).toMatchObject({
      customer_id: next.id,
      customer_email: "frank@example.com",
    })
    expect(opened.pageErrors).toEqual([])
  })
})
