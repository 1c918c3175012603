// The admin dashboard in a real browser (Debian chromium driven by
// playwright-core) against the real dev host: a database of its own on the
// test PostgreSQL, `medusa db:migrate`, the seed (`medusa exec
// ./scripts/seed.ts`), then `medusa start` with the dashboard served as in
// development (the Vite middleware `npm run dev` uses; `medusa start` does not
// restart when files change). The admin logs in, opens Licenses, finds a key,
// opens it, frees a slot, revokes it, and sets a policy from the product page.
//
// The dashboard runs on ANOTHER ORIGIN than the backend, as when a store serves
// it apart: the page is opened at http://localhost:<A>/app (a proxy that serves
// only /app, the dashboard's files), and the admin is built with
// admin.backendUrl = http://localhost:<B> (MEDUSA_BACKEND_URL; a pass-through to
// the server), with ADMIN_CORS / AUTH_CORS set to the dashboard's origin. Any
// call the plugin made relative to the page would get the proxy's 404.
// Both are "localhost": same site, other origin, so the session cookie (no
// SameSite attribute, which Chromium treats as Lax) goes with the CORS calls;
// 127.0.0.1 against localhost would be another site and Lax drops the cookie.
// Screenshots go to test-artifacts/ (git-ignored).
import axios, { type AxiosInstance } from "axios"
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type { AdminLicense } from "../../src/admin/lib/types"
import { WEBHOOK_EVENT_TYPES } from "../../src/modules/license/webhooks/events"
import type { LicensingOverview } from "../../src/types/licensing-overview"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { type DemoStore, placeOrder, registerCustomer } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(600 * 1000)

/**
 * An HTTP server on `port` that passes the requests `allow` accepts on to
 * `target()` and answers 404 to the others (a plain pass-through, streaming).
 */
function startProxy(target: () => string, allow: (path: string) => boolean) {
  const server = http.createServer((req, res) => {
    if (!allow(req.url ?? "/")) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not served on this origin: ${req.url}`)
      return
    }
    const to = new URL(target())
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", (error) => res.destroy(error))
    req.pipe(upstream)
  })
  return { server, port: listen(server) }
}

/** Listens on a free port of every loopback address ("localhost" may be ::1 or 127.0.0.1); resolves to the port. */
async function listen(server: http.Server) {
  await new Promise<void>((resolve) => server.listen(0, () => resolve()))
  return (server.address() as import("node:net").AddressInfo).port
}

describe("admin dashboard: Licenses in a real browser", () => {
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  let baseUrl: string
  let seed: DemoStore
  let admin: AxiosInstance
  let serverLog: string[] = []
  /** Where the page is opened (the dashboard's origin) and where its API calls go (the backend URL). */
  let dashboardUrl: string
  let backendUrl: string
  const servers: http.Server[] = []
  /** The webhook receiver: the bodies it got. */
  const received: { type: string }[] = []

  beforeAll(async () => {
    const dashboard = startProxy(() => baseUrl, (url) => url === "/app" || url.startsWith("/app/"))
    const backend = startProxy(() => baseUrl, () => true)
    servers.push(dashboard.server, backend.server)
    dashboardUrl = `http://localhost:${await dashboard.port}`
    backendUrl = `http://localhost:${await backend.port}`
    const receiver = http.createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => {
        received.push(JSON.parse(body || "{}"))
        res.writeHead(200).end("ok")
      })
    })
    servers.push(receiver)
    receiverUrl = `http://127.0.0.1:${await listen(receiver)}/hooks/licenses`
    // Our test e-mail service, failing: the order widget shows "E-mail failed".
    host = await startDevHost("admin_browser", {
      LICENSE_TEST_NOTIFICATION_PROVIDER: "true",
      LICENSE_TEST_NOTIFICATION_FAIL: "mailbox unavailable",
      MEDUSA_BACKEND_URL: backendUrl,
      ADMIN_CORS: dashboardUrl,
      AUTH_CORS: dashboardUrl,
      // The receiver is on loopback.
      LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "true",
    })
    ;({ baseUrl, seed, admin, log: serverLog } = host)
    browser = await launchChromium("The admin dashboard browser test")
  })
  let receiverUrl: string

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
    for (const server of servers) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  const today = () => new Date().toISOString().slice(0, 10)
  const overview = async () => (await admin.get("/admin/licenses/overview")).data.overview as LicensingOverview

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

    // The two valid verify calls reach the usage counters (write-behind, flushed within seconds).
    await waitFor(overview, (o) => o.days[o.days.length - 1].verify.valid === 2, 30_000)

    const opened = await openAdminPage(browser!)
    page = opened.page
    const dialog = () => page!.getByRole("dialog")
    const alert = () => page!.getByRole("alertdialog")
    // Every API call of the page, to check where they went.
    const apiCalls: string[] = []
    const exportCalls: string[] = []
    page.on("request", (request) => {
      const url = new URL(request.url())
      if (/^\/(admin|auth)\//.test(url.pathname)) {
        apiCalls.push(`${url.origin}${url.pathname}`)
      }
      if (url.pathname === "/admin/licenses/export") {
        exportCalls.push(url.href)
      }
    })

    try {
      await logInToAdmin(page, dashboardUrl, seed.admin_email, seed.admin_password)
      expect(new URL(page.url()).origin).toBe(dashboardUrl)

      // Sidebar -> Licenses: the list shows the key with its customer, product and slots.
      await page.getByRole("link", { name: "Licenses", exact: true }).click({ timeout: 120_000 })
      await page.waitForURL(/\/app\/licenses$/)
      const row = page.getByRole("row").filter({ hasText: key })
      await row.waitFor({ timeout: 60_000 })
      await expectText(row, ["dana@example.com", "Pro Plugin · 5 sites", "5", "2", "Active"])

      // The Licensing overview on top: two active keys, none expiring or revoked; today two issued and two valid verify calls.
      const section = page.getByTestId("licensing-overview")
      await section.getByTestId("overview-active").filter({ hasText: /^2$/ }).waitFor()
      expect(await section.getByTestId("overview-expiring").innerText()).toBe("0")
      expect(await section.getByTestId("overview-revoked").innerText()).toBe("0")
      const todayKeys = section.locator(`[data-testid="overview-keys-day"][data-day="${today()}"]`)
      expect(await todayKeys.getAttribute("data-issued")).toBe("2")
      expect(await section.locator('[data-testid="overview-keys-day"]').count()).toBe(30)
      expect(await section.locator(`[data-testid="overview-verify-day"][data-day="${today()}"]`).getAttribute("data-total")).toBe("2")
      expect(await section.getByTestId("overview-code-valid").innerText()).toContain("valid 2")
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
      await page.goto(`${dashboardUrl}/app/orders/${order.id}`)
      const orderRow = page.getByTestId("widget-licenses").getByRole("row").filter({ hasText: singleSite.key })
      await orderRow.waitFor({ timeout: 60_000 })
      expect(await page.getByTestId("widget-licenses").locator("tbody tr").count()).toBe(2)
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
      await page.goto(`${dashboardUrl}/app/customers/${singleSite.customer_id}`)
      await page.getByTestId("widget-licenses").getByRole("row").filter({ hasText: key }).waitFor({ timeout: 60_000 })
      expect(await page.getByTestId("widget-licenses").locator("tbody tr").count()).toBe(2)
      await page.getByRole("button", { name: "Issue license" }).click()
      await dialog().getByTestId("issue-customer").filter({ hasText: "dana@example.com" }).waitFor()
      // The form checks with the route's schema: no variant yet, and -1 activations, are refused before any call.
      await dialog().getByLabel("Max activations (optional)").fill("-1")
      await dialog().getByRole("button", { name: "Issue license" }).click()
      await dialog().getByText("Pick a licensed variant.").waitFor()
      await dialog().getByTestId("field-error").filter({ hasText: /0/ }).waitFor()
      await dialog().getByLabel("Max activations (optional)").fill("")
      await dialog().getByLabel("Licensed variant").click()
      await page.getByRole("option", { name: "Pro Plugin · Unlimited sites" }).click()
      await dialog().getByRole("button", { name: "Issue license" }).click()
      await page.getByText("License issued").first().waitFor()
      await page.waitForURL(/\/app\/licenses\/lic_/)
      const issuedId = page.url().split("/").pop()!
      await page.getByTestId("license-activations").filter({ hasText: "0 / Unlimited" }).waitFor()

      // List: select the two active keys and revoke them together.
      await page.goto(`${dashboardUrl}/app/licenses`)
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

      // Filter by status (Active: none left; Revoked: all three); Export CSV follows the filter and
      // downloads through the SDK from the backend URL (a file the browser saves, read back here).
      // A CSS locator: while the filter popover is open the rest of the page is aria-hidden.
      const exportButton = page.locator('[data-testid="licenses-export"]')
      const exportCsv = async () => {
        const [download] = await Promise.all([page!.waitForEvent("download"), exportButton.click()])
        expect(download.suggestedFilename()).toMatch(/^licenses-\d{8}-\d{6}\.csv$/)
        const file = await download.path()
        return fs.readFileSync(file!, "utf8").trim().split("\r\n")
      }
      await openFilter(page, "Status")
      await page.getByRole("button", { name: "Active", exact: true }).click()
      await page.getByText("No licenses match").waitFor()
      await page.getByRole("button", { name: "Revoked", exact: true }).click()
      await page.getByRole("button", { name: "Active", exact: true }).click()
      await page.keyboard.press("Escape")
      await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 3)
      const lines = await exportCsv()
      expect(lines).toHaveLength(4)
      expect(lines[0]).toMatch(/^license_key,customer_email,/)
      expect(lines.slice(1).every((line) => line.includes(",revoked,"))).toBe(true)
      // The SDK call carried the filter, to the backend URL.
      expect(exportCalls).toEqual([`${backendUrl}/admin/licenses/export?status=revoked`])
      for (const revokedKey of [key, singleSite.key]) {
        expect(lines.some((line) => line.startsWith(`${revokedKey},`))).toBe(true)
      }
      // The overview followed the revocations (its query refreshes with the list's).
      await page.getByTestId("overview-revoked").filter({ hasText: /^3$/ }).waitFor()
      expect(await page.getByTestId("overview-active").innerText()).toBe("0")

      // Product page -> License policy: Single site gets 3 activations and a 30-day term.
      await page.goto(`${dashboardUrl}/app/products/${seed.product_id}`)
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

      // Settings -> License webhooks: add an endpoint through the form (the route's schema checks it first).
      await page.goto(`${dashboardUrl}/app/settings/license-webhooks`)
      await page.getByRole("button", { name: "Add webhook" }).click({ timeout: 60_000 })
      await dialog().getByRole("button", { name: "Add webhook" }).click()
      await dialog().getByText("Enter the endpoint URL.").waitFor()
      await dialog().getByLabel("Endpoint URL").fill(receiverUrl)
      await dialog().getByLabel("Description (optional)").fill("CRM sync")
      await dialog().getByRole("button", { name: "Add webhook" }).click()
      const secret = await alert().getByTestId("webhook-secret").innerText()
      expect(secret.length).toBeGreaterThan(10)
      await alert().getByRole("button").last().click()
      const { data: hooks } = await admin.get("/admin/license-webhooks")
      expect(hooks.webhooks).toHaveLength(1)
      expect(hooks.webhooks[0]).toMatchObject({ url: receiverUrl, description: "CRM sync", enabled: true })
      // A new endpoint subscribes to every event type the server offers.
      expect([...hooks.webhooks[0].events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort())

      // A key that expires in 10 days, issued for another customer: its license.issued delivery shows in the deliveries table.
      await registerCustomer(store, seed, "erin@example.com")
      const { data: found } = await admin.get("/admin/customers", { params: { q: "erin@example.com" } })
      const { data: erinKey } = await admin.post("/admin/licenses", {
        customer_id: found.customers[0].id,
        variant_id: seed.variants["5 sites"],
        expires_at: new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString(),
      })
      // The endpoint's recent deliveries are open under it (DataTable), refreshed every 5 s.
      const webhookSection = page.getByTestId("webhook-section")
      await webhookSection
        .getByTestId("webhook-deliveries")
        .getByRole("row")
        .filter({ hasText: "license.issued" })
        .filter({ hasText: "Delivered" })
        .waitFor({ timeout: 90_000 })
      expect(received.map((delivery) => delivery.type)).toContain("license.issued")
      await shot("webhook-deliveries")

      // Back on Licenses: one active key, expiring within 30 days; three revoked; four issued today.
      await page.goto(`${dashboardUrl}/app/licenses`)
      await page.getByRole("row").filter({ hasText: erinKey.license.key }).waitFor({ timeout: 60_000 })
      await page.getByTestId("overview-expiring").filter({ hasText: /^1$/ }).waitFor()
      expect(await page.getByTestId("overview-active").innerText()).toBe("1")
      expect(await page.getByTestId("overview-revoked").innerText()).toBe("3")
      const keysToday = page.locator(`[data-testid="overview-keys-day"][data-day="${today()}"]`)
      expect(await keysToday.getAttribute("data-issued")).toBe("4")
      expect(await keysToday.getAttribute("data-revoked")).toBe("3")
      await shot("licenses-overview")

      // Issue license with no customer: nothing is refused with the route's message; a Discord ID alone is enough.
      await page.getByRole("button", { name: "Issue license" }).click()
      await dialog().getByLabel("Licensed variant").click()
      await page.getByRole("option", { name: "Pro Plugin · Unlimited sites" }).click()
      await dialog().getByRole("button", { name: "Issue license" }).click()
      await dialog().getByText("Pick a customer, or enter an e-mail or a Discord ID.").waitFor()
      await dialog().getByLabel("Discord ID (optional)").fill("123456789012345678")
      await dialog().getByRole("button", { name: "Issue license" }).click()
      await page.getByText("License issued").first().waitFor()
      await page.waitForURL(/\/app\/licenses\/lic_/)
      await page.getByTestId("license-discord-id").filter({ hasText: "123456789012345678" }).waitFor()
      const { data: discordOnly } = await admin.get(`/admin/licenses/${page.url().split("/").pop()}`)
      expect(discordOnly.license).toMatchObject({ customer_id: null, customer_email: null, customer_discord_id: "123456789012345678" })

      // Every API call of the page went to the backend URL, none to the dashboard's origin.
      expect(apiCalls.length).toBeGreaterThan(10)
      expect(apiCalls.filter((call) => !call.startsWith(`${backendUrl}/`))).toEqual([])
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
