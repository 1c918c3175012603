// Per-product licensing controls in a real browser (Debian chromium driven by
// playwright-core) against the real dev host (integration-tests/helpers/medusa-server.ts):
// the admin requires an API key on the seeded product and sees it once,
// rotates it, blocks a domain, gates versions to a range, sets custom data,
// watches the usage chart count the verify calls, sets a license's own
// controls, and archives and unarchives the product's licenses; the store-wide local and
// staging site patterns and the policy's new fields (local sites free, heartbeat interval,
// entitlements, license-file life), then a key of that policy verifying from a site matching a saved pattern.
// Screenshots go to test-artifacts/ (git-ignored).
import axios, { type AxiosInstance } from "axios"
import fs from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type { LicenseUsageDay, ProductLicenseSettings } from "../../src/admin/components/product-licensing/api"
import type { AdminLicense } from "../../src/admin/lib/types"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { waitFor } from "../helpers/wait"

jest.setTimeout(480 * 1000)

describe("admin dashboard: per-product licensing controls in a real browser", () => {
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined

  beforeAll(async () => {
    host = await startDevHost("licensing_browser")
    browser = await launchChromium("The product licensing browser test")
  })

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
  })

  const shot = async (name: string) => {
    await page!.screenshot({ path: path.join(ARTIFACTS, `admin-${name}.png`), fullPage: true })
  }

  it("requires an API key (shown once), rotates it, blocks a domain, gates versions and charts the usage", async () => {
    const { baseUrl, seed, admin } = host!
    const productId = seed.product_id
    const settingsOf = async () =>
      (await admin.get(`/admin/products/${productId}/license-settings`)).data.license_settings as ProductLicenseSettings

    // A key of the seeded product, issued by hand to a new customer.
    const { data: created } = await admin.post("/admin/customers", { email: "erin@example.com" })
    const { data: issued } = await admin.post("/admin/licenses", {
      customer_id: created.customer.id,
      variant_id: seed.variants["5 sites"],
    })
    const license = issued.license as AdminLicense
    expect(license.product_id).toBe(productId)

    const opened = await openAdminPage(browser!)
    page = opened.page
    const alert = () => page!.getByRole("alertdialog")

    try {
      await logInToAdmin(page, baseUrl, seed.admin_email, seed.admin_password)

      await page.goto(`${baseUrl}/app/products/${productId}`)
      const widget = page.getByTestId("product-licensing-widget")
      await widget.waitFor({ timeout: 120_000 })
      const prefix = widget.getByTestId("api-key-prefix")
      await prefix.filter({ hasText: "No API key yet" }).waitFor()
      // Nothing counted yet: the usage card says so.
      await widget.getByTestId("usage-empty").waitFor()

      // Require API key: the first key is generated and shown in full, once.
      await widget.getByRole("switch", { name: "Require API key" }).click()
      const firstKey = await shownKeyOnce(page)
      expect(firstKey).toMatch(/^lk_live_/)
      const afterFirst = await settingsOf()
      expect(afterFirst).toMatchObject({ require_api_key: true })
      expect(firstKey.startsWith(afterFirst.api_key_prefix!)).toBe(true)
      expect(JSON.stringify(afterFirst)).not.toContain(firstKey)
      // From now on only the prefix: "lk_live_ab12…".
      await prefix.filter({ hasText: `${afterFirst.api_key_prefix}…` }).waitFor()
      expect(await widget.getByRole("switch", { name: "Require API key" }).getAttribute("aria-checked")).toBe("true")
      expect(await page.content()).not.toContain(firstKey)
      await widget.screenshot({ path: path.join(ARTIFACTS, "admin-product-licensing-key.png") })

      // Rotate (confirmed): a new key, shown once; the old one stops working.
      await widget.getByRole("button", { name: "Rotate key" }).click()
      await alert().getByText("Rotate the API key?").waitFor()
      await alert().getByRole("button", { name: "Rotate", exact: true }).click()
      const key = await shownKeyOnce(page)
      expect(key).toMatch(/^lk_live_/)
      expect(key).not.toBe(firstKey)
      const afterRotate = await settingsOf()
      expect(key.startsWith(afterRotate.api_key_prefix!)).toBe(true)
      await prefix.filter({ hasText: `${afterRotate.api_key_prefix}…` }).waitFor()
      expect(await page.content()).not.toContain(key)

      // Blocklist: add a domain, save, reload: still there.
      const blocklist = widget.getByTestId("license-blocklist-section")
      await blocklist.getByTestId("blocked-domains").getByRole("textbox").fill("Blocked.Example")
      await blocklist.getByTestId("blocked-domains").getByRole("textbox").press("Enter")
      await blocklist.getByTestId("blocked-domains").getByTestId("list-entry").filter({ hasText: "blocked.example" }).waitFor()
      await blocklist.getByRole("button", { name: "Save" }).click()
      await page.getByText("Blocklist saved").first().waitFor()
      expect((await settingsOf()).blocked_domains).toEqual(["blocked.example"])
      await page.reload()
      await widget.waitFor({ timeout: 120_000 })
      await blocklist.getByTestId("blocked-domains").getByTestId("list-entry").filter({ hasText: "blocked.example" }).waitFor()

      // Version gating: a semver range; custom data, checked as JSON object before it is sent.
      const rules = widget.getByTestId("license-rules-section")
      await rules.getByRole("combobox", { name: "Version gating" }).click()
      await page.getByRole("option", { name: "Version range" }).click()
      await rules.getByRole("textbox", { name: "Version range" }).fill(">=1.2.0 <2.0.0")
      const customData = rules.getByRole("textbox", { name: "Custom response data" })
      await customData.fill('["not", "an object"]')
      await rules.getByTestId("custom-data-error").filter({ hasText: "Must be a JSON object" }).waitFor()
      expect(await rules.getByRole("button", { name: "Save" }).isDisabled()).toBe(true)
      await customData.fill('{"plan": "pro", "seats": 1}')
      expect(await rules.getByTestId("custom-data-error").count()).toBe(0)
      // The product's webhooks switch, saved with the rules (docs/migrating-from-keyport.md).
      expect(await rules.getByRole("switch", { name: "Send webhooks" }).getAttribute("aria-checked")).toBe("true")
      await rules.getByRole("switch", { name: "Send webhooks" }).click()
      // The daily verify quota: a whole number, checked before it is sent (docs/product-controls.md).
      const quotaField = rules.getByRole("textbox", { name: "Daily verify quota" })
      expect(await quotaField.inputValue()).toBe("0")
      await quotaField.fill("-3")
      await rules.getByTestId("daily-verify-quota").getByRole("alert").filter({ hasText: "whole number" }).waitFor()
      expect(await rules.getByRole("button", { name: "Save" }).isDisabled()).toBe(true)
      await quotaField.fill("10")
      await rules.getByRole("button", { name: "Save" }).click()
      await page.getByText("Verify rules saved").first().waitFor()
      expect(await settingsOf()).toMatchObject({
        daily_verify_quota: 10,
        webhooks_enabled: false,
        version_mode: "range",
        version_range: ">=1.2.0 <2.0.0",
        custom_data: { plan: "pro", seats: 1 },
      })

      // Verify calls from the product's server, with its key.
      const verify = verifier(baseUrl, license.key)
      const valid = await verify({ domain: "shop.example", version: "1.5.0" }, key)
      expect(valid).toMatchObject({ code: "valid", data: { plan: "pro", seats: 1 } })
      expect((await verify({ domain: "shop.example", version: "2.1.0" }, key)).code).toBe("version_not_allowed")
      expect((await verify({ domain: "blocked.example", version: "1.5.0" }, key)).code).toBe("blocked")
      expect((await verify({ domain: "shop.example", version: "1.5.0" }, firstKey)).code).toBe("invalid_api_key")

      // The counts are written in batches every few seconds (the server runs in
      // its own process, so the test cannot flush them): wait for them.
      const today = new Date().toISOString().slice(0, 10)
      const usage = await waitFor(
        async () => (await admin.get(`/admin/products/${productId}/license-usage`)).data.usage as LicenseUsageDay[],
        (days) => days.find((d) => d.day === today)?.total === 4,
        30_000
      )
      expect(usage).toHaveLength(30)
      expect(usage[29].day).toBe(today)
      expect(usage[29].counts).toMatchObject({ valid: 1, version_not_allowed: 1, blocked: 1, invalid_api_key: 1 })

      // The chart: 30 bars, today's with its 4 calls, the totals under it.
      await page.reload()
      await widget.waitFor({ timeout: 120_000 })
      const chart = widget.getByTestId("usage-chart")
      await chart.waitFor()
      expect(await chart.getByTestId("usage-bar").count()).toBe(30)
      const todayBar = chart.locator(`[data-testid="usage-bar"][data-day="${today}"]`)
      expect(await todayBar.getAttribute("data-total")).toBe("4")
      expect(await todayBar.locator("title").textContent()).toContain("4 verify calls (valid 1")
      await widget.getByTestId("usage-totals").filter({ hasText: "4 verify calls · 1 valid · 3 refused" }).waitFor()
      // The quota: today's exact count (invalid_api_key is not counted) and its line on the chart.
      await widget.getByTestId("usage-quota-today").filter({ hasText: "Today: 3 / 10 calls of the daily quota" }).waitFor()
      expect(await chart.getByTestId("day-bars-threshold").locator("title").textContent()).toBe("Daily verify quota: 10 calls")
      // Tall enough for the whole widget in one picture.
      await page.setViewportSize({ width: 1440, height: 3000 })
      await widget.screenshot({ path: path.join(ARTIFACTS, "admin-product-licensing.png") })
      await page.setViewportSize({ width: 1440, height: 1000 })

      // The license's own controls: a pinned version and a blocked IP override the product.
      await page.goto(`${baseUrl}/app/licenses/${license.id}`)
      const controls = page.getByTestId("license-controls-section")
      await controls.waitFor({ timeout: 60_000 })
      await controls.getByRole("combobox", { name: "Version gating" }).click()
      await page.getByRole("option", { name: "Pinned version" }).click()
      await controls.getByRole("textbox", { name: "Pinned version" }).fill("1.5.0")
      await controls.getByRole("textbox", { name: "Custom response data" }).fill('{"seats": 5}')
      await controls.getByTestId("blocked-ips").getByRole("textbox").fill("203.0.113.7")
      await controls.getByTestId("blocked-ips").getByRole("button", { name: "Add" }).click()
      await controls.getByRole("button", { name: "Save" }).click()
      await page.getByText("License controls saved").first().waitFor()
      const { data: detail } = await admin.get(`/admin/licenses/${license.id}`)
      expect(detail.license).toMatchObject({
        version_mode: "pinned",
        version_pinned: "1.5.0",
        custom_data: { seats: 5 },
        blocked_ips: ["203.0.113.7"],
      })
      // Its version pin replaces the product's range; its data keys override the product's.
      expect((await verify({ domain: "shop.example", version: "1.6.0" }, key)).code).toBe("version_not_allowed")
      expect(await verify({ domain: "shop.example", version: "1.5.0" }, key)).toMatchObject({
        code: "valid",
        data: { plan: "pro", seats: 5 },
      })
      await shot("license-controls")

      // Archive (confirmed): the badge, and the key answers product_archived; unarchive undoes it.
      await page.goto(`${baseUrl}/app/products/${productId}`)
      await widget.waitFor({ timeout: 120_000 })
      await widget.getByRole("button", { name: "Archive", exact: true }).click()
      await alert().getByRole("button", { name: "Archive", exact: true }).click()
      await page.getByText("Licenses archived").first().waitFor()
      await widget.getByTestId("archived-badge").waitFor()
      expect((await settingsOf()).archived_at).not.toBeNull()
      expect((await verify({ domain: "shop.example", version: "1.5.0" }, key)).code).toBe("product_archived")
      await widget.getByRole("button", { name: "Unarchive", exact: true }).click()
      await alert().getByRole("button", { name: "Unarchive", exact: true }).click()
      await page.getByText("Licenses unarchived").first().waitFor()
      await widget.getByTestId("archived-badge").waitFor({ state: "detached" })
      expect((await settingsOf()).archived_at).toBeNull()
      expect((await verify({ domain: "shop.example", version: "1.5.0" }, key)).code).toBe("valid")

      expect(opened.pageErrors).toEqual([])
    } catch (error) {
      await shot("licensing-failure").catch(() => undefined)
      fs.writeFileSync(path.join(ARTIFACTS, "product-licensing-server.log"), host!.log.join(""))
      throw error
    }
  })

  it("saves the store's local-site patterns and a policy's local sites free, heartbeat, entitlements and file life; a matching site verifies as local", async () => {
    const { baseUrl, seed, admin } = host!
    const opened = await openAdminPage(browser!)
    const local = opened.page
    try {
      await logInToAdmin(local, baseUrl, seed.admin_email, seed.admin_password)
      await local.goto(`${baseUrl}/app/products/${seed.product_id}`)
      const section = local.getByTestId("product-licensing-widget").getByTestId("license-local-sites-section")
      await section.waitFor({ timeout: 120_000 })
      await section.getByTestId("built-in-local-rules").getByText("*.local, *.test, *.invalid, *.example").waitFor()
      const patterns = section.getByTestId("local-site-patterns")
      await patterns.getByRole("textbox").fill("*.WPEngine.com")
      await patterns.getByRole("textbox").press("Enter")
      await patterns.getByTestId("list-entry").filter({ hasText: "*.wpengine.com" }).waitFor()
      await section.getByRole("button", { name: "Save" }).click()
      await local.getByText("Local site patterns saved").first().waitFor()
      expect((await admin.get("/admin/license-settings")).data.license_store_settings.local_site_patterns).toEqual(["*.wpengine.com"])

      // The variant policy widget: each row has the switch, off for the demo's seeded policies.
      const single = local.getByTestId("license-policy-widget").locator('[data-testid="policy-row"][data-variant-title="Single site"]')
      await single.waitFor()
      const toggle = local.getByRole("switch", { name: "Single site: local sites free" })
      expect(await toggle.getAttribute("aria-checked")).toBe("false")

      // Single site: local sites free, heartbeats every 300 s, two entitlements, license files valid 48 hours.
      const policy = local.getByTestId("license-policy-widget")
      // A heartbeat under 60 s or a code of another shape is refused in the form with what is wrong; nothing is saved.
      const singlePolicy = async () =>
        ((await admin.get(`/admin/products/${seed.product_id}/license-policies`)).data.license_policies as Record<string, unknown>[]).find(
          (p) => p.variant_title === "Single site"
        )
      const before = await singlePolicy()
      await toggle.click()
      await policy.getByLabel("Single site: heartbeat seconds").fill("30")
      await policy.getByRole("button", { name: "Save" }).click()
      await local.getByText("Heartbeat: empty (off) or a whole number of seconds from 60 to 2592000.").first().waitFor()
      await policy.getByLabel("Single site: heartbeat seconds").fill("300")
      await policy.getByLabel("Single site: entitlements").fill("pro-export, Priority Support")
      await policy.getByRole("button", { name: "Save" }).click()
      await local.getByText("Entitlements: Priority Support is not a code").first().waitFor()
      expect(await singlePolicy()).toEqual(before)
      await policy.getByLabel("Single site: entitlements").fill("pro-export, priority-support")
      await policy.getByLabel("Single site: license file hours").fill("48")
      await policy.getByRole("button", { name: "Save" }).click()
      await local.getByText("License policy saved").first().waitFor()
      const policies = (await admin.get(`/admin/products/${seed.product_id}/license-policies`)).data.license_policies as Record<string, unknown>[]
      expect(await singlePolicy()).toMatchObject({
        local_sites_free: true,
        heartbeat_interval_seconds: 300,
        entitlements: ["priority-support", "pro-export"],
        license_file_ttl_hours: 48,
      })
      expect(policies.find((p) => p.variant_title === "5 sites")).toMatchObject({ local_sites_free: false, heartbeat_interval_seconds: null, entitlements: [] })
      // After a reload the form shows what was saved.
      await local.reload()
      await toggle.waitFor({ timeout: 120_000 })
      expect(await toggle.getAttribute("aria-checked")).toBe("true")
      expect(await policy.getByLabel("Single site: heartbeat seconds").inputValue()).toBe("300")
      expect(await policy.getByLabel("Single site: license file hours").inputValue()).toBe("48")
      expect(await policy.getByLabel("Single site: entitlements").inputValue()).toBe("priority-support, pro-export")
      await local.screenshot({ path: path.join(ARTIFACTS, "admin-local-sites.png"), fullPage: true })

      // A key sold from now on: a site matching the saved pattern verifies as local without a slot; another takes one.
      // (The first test left this product's API key required and a version range: off, so only the sites decide.)
      await admin.post(`/admin/products/${seed.product_id}/license-settings`, { require_api_key: false, version_mode: "off" })
      const { data: customer } = await admin.post("/admin/customers", { email: "local-sites@example.com" })
      const { data: issued } = await admin.post("/admin/licenses", { customer_id: customer.customer.id, variant_id: seed.variants["Single site"] })
      const verify = (domain: string) => axios.post(`${baseUrl}/licenses/verify`, { license_key: issued.license.key, domain })
      const staging = await verify("shop.wpengine.com")
      expect(staging.data).toMatchObject({ valid: true, identity: { kind: "domain", value: "shop.wpengine.com", local: true }, entitlements: ["priority-support", "pro-export"] })
      const usedOf = async () => (await admin.get(`/admin/licenses/${issued.license.id}`)).data.license.activations_used
      expect(await usedOf()).toBe(0)
      expect((await verify("shop.example.org")).data).toMatchObject({ valid: true, identity: { kind: "domain", value: "shop.example.org" } })
      expect(await usedOf()).toBe(1)
      expect(opened.pageErrors).toEqual([])
    } catch (error) {
      await local.screenshot({ path: path.join(ARTIFACTS, "admin-local-sites-failure.png"), fullPage: true }).catch(() => undefined)
      throw error
    } finally {
      await local.context().close().catch(() => undefined)
    }
  })
})

/** Reads the key from the "shown once" dialog, closes it, and checks it is gone. */
async function shownKeyOnce(page: Page): Promise<string> {
  const dialog = page.getByRole("alertdialog").filter({ hasText: "Product API key" })
  await dialog.getByText("Copy it now — it will not be shown again").waitFor()
  const key = (await dialog.getByTestId("product-api-key").innerText()).trim()
  await dialog.getByRole("button", { name: "I have stored it" }).click()
  await dialog.waitFor({ state: "detached" })
  return key
}

/**
 * POST /licenses/verify as an installed product's server, the product API key
 * as a bearer token; answers the code (a missing or wrong key may come with a
 * 4xx status, still with its code).
 */
function verifier(baseUrl: string, licenseKey: string) {
  const client: AxiosInstance = axios.create({ baseURL: baseUrl, validateStatus: () => true })
  return async (body: { domain?: string; version?: string }, apiKey: string) => {
    const res = await client.post(
      "/licenses/verify",
      { license_key: licenseKey, ...body },
      { headers: { authorization: `Bearer ${apiKey}` } }
    )
    if (typeof res.data?.code !== "string") {
      throw new Error(`verify answered ${res.status}: ${JSON.stringify(res.data)}`)
    }
    return res.data as { code: string; data?: Record<string, unknown> }
  }
}
