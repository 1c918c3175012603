// The admin dashboard in a real browser (Debian chromium driven by
// playwright-core) against the real dev host: a database of its own on the
// test PostgreSQL, `medusa db:migrate`, the seed (`medusa exec
// ./scripts/seed.ts`), then `medusa start` with the dashboard served as in
// development (the Vite middleware `npm run dev` uses; `medusa start` does not
// restart when files change). The admin logs in, opens Licenses, finds a key,
// opens it, frees a slot, revokes it, and sets a policy from the product page.
// Screenshots go to test-artifacts/ (git-ignored).
import axios, { type AxiosInstance } from "axios"
import fs from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type { AdminLicense } from "../../src/admin/lib/types"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { type DemoStore, placeOrder, registerCustomer } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(420 * 1000)

describe("admin dashboard: Licenses in a real browser", () => {
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  let baseUrl: string
  let seed: DemoStore
  let admin: AxiosInstance
  let serverLog: string[] = []

  beforeAll(async () => {
    // Our test e-mail service, failing: the order widget shows "E-mail failed".
    host = await startDevHost("admin_browser", {
      LICENSE_TEST_NOTIFICATION_PROVIDER: "true",
      LICENSE_TEST_NOTIFICATION_FAIL: "mailbox unavailable",
    })
    ;({ baseUrl, seed, admin, log: serverLog } = host)
    browser = await launchChromium("The admin dashboard browser test")
  })

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
  })

  const shot = async (name: string) => {
    await page!.screenshot({ path: path.join(ARTIFACTS, `admin-${name}.png`), fullPage: true })
  }

  it("logs in, finds a key, frees a slot, revokes it, and sets a product's license policy", async () => {
    // A customer who bought "5 sites" and "Single site"; two sites use the first key.
    const store = axios.create({ baseURL: baseUrl })
    const shopper = await registerCustomer(store, seed, "dana@example.com")
    const order = await placeOrder(
      store,
      seed,
      [
        { variant_id: seed.variants["5 sites"], quantity: 1 },
        { variant_id: seed.variants["Single site"], quantity: 1 },
      ],
      shopper
    )
    const orderLicenses = await waitFor(
      async () => (await admin.get("/admin/licenses", { params: { order_id: order.id } })).data.licenses as AdminLicense[],
      (licenses) => licenses.length === 2
    )
    const fiveSites = orderLicenses.find((l) => l.variant_title === "5 sites")!
    const singleSite = orderLicenses.find((l) => l.variant_title === "Single site")!
    const key = fiveSites.key
    for (const domain of ["first-site.example", "second-site.example"]) {
      const { data } = await store.post("/licenses/verify", { license_key: key, domain })
      expect(data.code).toBe("valid")
    }

    const opened = await openAdminPage(browser!)
    page = opened.page
    const dialog = () => page!.getByRole("dialog")
    const alert = () => page!.getByRole("alertdialog")

    try {
      await logInToAdmin(page, baseUrl, seed.admin_email, seed.admin_password)

      // Sidebar -> Licenses: the list shows the key with its customer, product and slots.
      await page.getByRole("link", { name: "Licenses", exact: true }).click({ timeout: 120_000 })
      await page.waitForURL(/\/app\/licenses$/)
      const row = page.getByRole("row").filter({ hasText: key })
      await row.waitFor({ timeout: 60_000 })
      await expectText(row, ["dana@example.com", "Pro Plugin · 5 sites", "5", "2", "Active"])
      await shot("licenses-list")

      // Search by the key's last group narrows the list to it.
      await page.getByPlaceholder("Search keys, e-mails, orders").fill(key.split("-").pop()!)
      await page.waitForFunction(
        (k) => document.querySelectorAll("tbody tr").length === 1 && document.body.innerText.includes(k),
        key
      )

      // Open it: header, the two activations, the history.
      await page.getByRole("row").filter({ hasText: key }).getByText("dana@example.com").click()
      await page.waitForURL(new RegExp(`/app/licenses/${fiveSites.id}$`))
      await page.getByTestId("license-activations").filter({ hasText: "2 / 5" }).waitFor()
      expect(await page.getByTestId("activation-row").count()).toBe(2)
      await page.locator('[data-testid="history-row"][data-event-type="issued"]').waitFor()
      await shot("license-detail")

      // Free the first slot (with confirmation).
      await page
        .getByTestId("activation-row")
        .filter({ hasText: "first-site.example" })
        .getByRole("button", { name: "Free slot" })
        .click()
      await alert().getByRole("button", { name: "Free slot" }).click()
      await page.getByText("Slot freed").first().waitFor()
      await page.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()
      expect(await page.getByTestId("activation-row").count()).toBe(1)
      await page.locator('[data-testid="history-row"][data-event-type="deactivated"]').waitFor()

      // Revoke: reason required, the key's last group typed out.
      await page.getByRole("button", { name: "Revoke", exact: true }).click()
      const confirmRevoke = alert().getByRole("button", { name: "Revoke", exact: true })
      await alert().getByLabel("Reason (required)").fill("Chargeback on the card")
      expect(await confirmRevoke.isDisabled()).toBe(true)
      await alert().getByLabel(/to confirm$/).fill(key.split("-").pop()!.toLowerCase())
      await confirmRevoke.click()
      await page.getByText("License revoked").first().waitFor()
      await page.getByTestId("license-status").filter({ hasText: "Revoked" }).waitFor()
      await page
        .locator('[data-testid="history-row"][data-event-type="revoked"]')
        .filter({ hasText: "Chargeback on the card" })
        .waitFor()
      await shot("license-detail-revoked")
      const { data: detail } = await admin.get(`/admin/licenses/${fiveSites.id}`)
      expect(detail.license).toMatchObject({ status: "revoked", revoke_reason: "Chargeback on the card", activations_used: 1 })
      const { data: verified } = await store.post("/licenses/verify", { license_key: key, domain: "second-site.example" })
      expect(verified.code).toBe("revoked")

      // Order page widget: both keys of the order; a row opens its license.
      await page.goto(`${baseUrl}/app/orders/${order.id}`)
      const orderRow = page.getByTestId("widget-license-row").filter({ hasText: singleSite.key })
      await orderRow.waitFor({ timeout: 60_000 })
      expect(await page.getByTestId("widget-license-row").count()).toBe(2)
      // The issuance e-mail failed: badge, attempt count, the provider's error
      // (keys cut to hints), and Resend keys, whose attempt fails again.
      const notice = page.getByTestId("license-notice")
      await notice.getByTestId("license-notice-status").filter({ hasText: "E-mail failed" }).waitFor()
      await notice.getByText("attempt 1 of 5").waitFor()
      await notice.getByTestId("license-notice-error").filter({ hasText: "554 message rejected (mailbox unavailable)" }).waitFor()
      expect(await notice.textContent()).not.toContain(singleSite.key)
      await notice.scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(ARTIFACTS, "admin-order-email-failed.png") })
      const { data: beforeResend } = await admin.get(`/admin/orders/${order.id}/license-notice`)
      await notice.getByRole("button", { name: "Resend keys" }).click()
      await page.getByText("The e-mail failed again").first().waitFor()
      const { data: afterResend } = await admin.get(`/admin/orders/${order.id}/license-notice`)
      expect(afterResend.notice).toMatchObject({ status: "failed", attempts: 1 })
      expect(new Date(afterResend.notice.last_attempt_at).getTime()).toBeGreaterThan(
        new Date(beforeResend.notice.last_attempt_at).getTime()
      )
      await orderRow.getByRole("link", { name: singleSite.key }).click()
      await page.waitForURL(new RegExp(`/app/licenses/${singleSite.id}$`))

      // Edit: max activations and notes.
      await page.getByRole("button", { name: "Edit expiry, activations, notes" }).click()
      await dialog().getByLabel("Max activations").fill("3")
      await dialog().getByLabel("Notes").fill("Agency plan")
      await dialog().getByRole("button", { name: "Save" }).click()
      await page.getByText("License updated").first().waitFor()
      await page.getByTestId("license-activations").filter({ hasText: "0 / 3" }).waitFor()
      await page.getByTestId("license-notes").filter({ hasText: "Agency plan" }).waitFor()
      await page.locator('[data-testid="history-row"][data-event-type="updated"]').filter({ hasText: "Max activations: 1 → 3" }).waitFor()

      // Customer page widget: her keys, and "Issue license" for her.
      await page.goto(`${baseUrl}/app/customers/${singleSite.customer_id}`)
      await page.getByTestId("widget-license-row").filter({ hasText: key }).waitFor({ timeout: 60_000 })
      expect(await page.getByTestId("widget-license-row").count()).toBe(2)
      await page.getByRole("button", { name: "Issue license" }).click()
      await dialog().getByTestId("issue-customer").filter({ hasText: "dana@example.com" }).waitFor()
      await dialog().getByLabel("Licensed variant").click()
      await page.getByRole("option", { name: "Pro Plugin · Unlimited sites" }).click()
      await dialog().getByRole("button", { name: "Issue license" }).click()
      await page.getByText("License issued").first().waitFor()
      await page.waitForURL(/\/app\/licenses\/lic_/)
      const issuedId = page.url().split("/").pop()!
      await page.getByTestId("license-activations").filter({ hasText: "0 / Unlimited" }).waitFor()

      // List: select the two active keys and revoke them together.
      await page.goto(`${baseUrl}/app/licenses`)
      await page.getByRole("row").filter({ hasText: singleSite.key }).waitFor()
      for (const id of [singleSite.id, issuedId]) {
        const { data } = await admin.get(`/admin/licenses/${id}`)
        await page.getByRole("row").filter({ hasText: data.license.key }).getByRole("checkbox").click()
      }
      await page.getByRole("button", { name: /^Revoke/ }).click()
      await alert().getByText("Revoke 2 licenses?").waitFor()
      await alert().getByLabel("Reason (required)").fill("Refunded by bank transfer")
      await alert().getByRole("button", { name: "Revoke 2" }).click()
      await page.getByText("2 licenses revoked").first().waitFor()
      await page.getByRole("row").filter({ hasText: singleSite.key }).getByText("Revoked").waitFor()

      // Filter by status (Active: none left; Revoked: all three); Export CSV follows the filter.
      // A CSS locator: while the filter popover is open the rest of the page is aria-hidden.
      const exportLink = page.locator('a[download][href^="/admin/licenses/export"]')
      await openFilter(page, "Status")
      await page.getByRole("button", { name: "Active", exact: true }).click()
      await page.getByText("No licenses match").waitFor()
      expect(await exportLink.getAttribute("href")).toBe("/admin/licenses/export?status=active")
      const none = await page.request.get(`${baseUrl}/admin/licenses/export?status=active`)
      expect((await none.text()).trim().split("\r\n")).toHaveLength(1)
      await page.getByRole("button", { name: "Revoked", exact: true }).click()
      await page.getByRole("button", { name: "Active", exact: true }).click()
      await page.keyboard.press("Escape")
      await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 3)
      const href = await exportLink.getAttribute("href")
      expect(href).toBe("/admin/licenses/export?status=revoked")
      const csv = await page.request.get(`${baseUrl}${href}`)
      expect(csv.status()).toBe(200)
      const lines = (await csv.text()).trim().split("\r\n")
      expect(lines).toHaveLength(4)
      expect(lines[0]).toMatch(/^license_key,customer_email,/)
      expect(lines.slice(1).every((line) => line.includes(",revoked,"))).toBe(true)

      // Product page -> License policy: Single site gets 3 activations and a 30-day term.
      await page.goto(`${baseUrl}/app/products/${seed.product_id}`)
      const widget = page.getByTestId("license-policy-widget")
      await widget.waitFor({ timeout: 60_000 })
      await widget.scrollIntoViewIfNeeded()
      const single = widget.locator('[data-testid="policy-row"][data-variant-title="Single site"]')
      await single.getByLabel("Single site: max activations").fill("3")
      await single.getByLabel("Single site: term days").fill("30")
      await widget.getByRole("button", { name: "Save" }).click()
      await page.getByText("License policy saved").first().waitFor()
      await widget.screenshot({ path: path.join(ARTIFACTS, "admin-product-license-policy.png") })
      const { data: policies } = await admin.get(`/admin/products/${seed.product_id}/license-policies`)
      const byTitle = Object.fromEntries(policies.license_policies.map((p: any) => [p.variant_title, p]))
      expect(byTitle["Single site"]).toMatchObject({ licensed: true, max_activations: 3, term_days: 30 })
      expect(byTitle["5 sites"]).toMatchObject({ licensed: true, max_activations: 5, term_days: 365 })

      expect(opened.pageErrors).toEqual([])
    } catch (error) {
      await shot("failure").catch(() => undefined)
      fs.writeFileSync(path.join(ARTIFACTS, "admin-dashboard-server.log"), serverLog.join(""))
      throw error
    }
  })
})

/** Opens the DataTable filter menu (the funnel button) and adds the filter `label`. */
async function openFilter(page: Page, label: string) {
  await page.getByTestId("licenses-filter-menu").getByRole("button").click()
  await page.getByRole("menuitem", { name: label }).click()
}

async function expectText(locator: import("playwright-core").Locator, texts: string[]) {
  const content = await locator.innerText()
  for (const text of texts) {
    expect(content).toContain(text)
  }
}
