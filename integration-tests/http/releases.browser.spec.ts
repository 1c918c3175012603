// The product page's Releases section in a real browser (Debian chromium driven by playwright-core)
// against the real dev host: upload a draft through the form, publish it, yank it after the
// confirmation, and see the download count (docs/software-delivery.md, "Admin and customer").
// Screenshots go to test-artifacts/ (git-ignored).
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { artifactBytes } from "../helpers/releases"
import { ARTIFACTS, launchChromium, logInToAdmin, openAdminPage } from "../helpers/browser"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { waitFor } from "../helpers/wait"

jest.setTimeout(480 * 1000)

describe("admin dashboard: a product's Releases section in a real browser", () => {
  const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), "release-files-"))
  let host: DevHost | undefined
  let browser: Browser | undefined
  let page: Page | undefined

  beforeAll(async () => {
    host = await startDevHost("releases_browser", { LICENSE_PRIVATE_FILES_DIR: privateDir })
    browser = await launchChromium("The releases browser test")
  })

  afterAll(async () => {
    await page?.context().close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await host?.stop()
    fs.rmSync(privateDir, { recursive: true, force: true })
  })

  it("uploads a draft, publishes it and yanks it only after the confirmation", async () => {
    const { baseUrl, seed, admin } = host!
    const productId = seed.product_id
    const releasesOf = async () => (await admin.get(`/admin/products/${productId}/releases`)).data.releases as Record<string, any>[]
    const file = artifactBytes(300_000)

    const opened = await openAdminPage(browser!)
    page = opened.page
    try {
      await logInToAdmin(page, baseUrl, seed.admin_email, seed.admin_password)
      await page.goto(`${baseUrl}/app/products/${productId}`)
      const widget = page.getByTestId("product-releases-widget")
      await widget.waitFor({ timeout: 120_000 })
      await widget.getByText("No releases yet").waitFor()

      const form = widget.getByTestId("release-upload-form")
      await form.getByLabel("Version").fill("1.4.0")
      await form.getByLabel("Changelog (markdown)").fill("- Faster checkout")
      await form.getByLabel("Tested up to").fill("6.5")
      await form.getByLabel("Requires entitlement").fill("pro-export")
      await form.locator("#release-artifact").setInputFiles({ name: "pro-plugin-1.4.0.zip", mimeType: "application/zip", buffer: file.bytes })
      await form.getByRole("button", { name: "Upload draft" }).click()

      const row = widget.getByTestId("release-1.4.0-stable")
      await row.getByText("draft").waitFor()
      await row.getByText("pro-plugin-1.4.0.zip").waitFor()
      expect((await releasesOf())[0]).toMatchObject({
        version: "1.4.0",
        status: "draft",
        wp_tested: "6.5",
        required_entitlement: "pro-export",
        artifact: { sha256: file.sha256, size: file.bytes.length },
      })
      await row.getByText("pro-export").waitFor()

      // The Requires column edits it in place: a malformed code is refused with the server's message, empty clears it.
      await row.getByRole("button", { name: "Edit the required entitlement of 1.4.0" }).click()
      const entitlementForm = row.getByTestId("release-entitlement-form-1.4.0")
      await entitlementForm.getByLabel("Required entitlement").fill("Bad Code")
      await entitlementForm.getByRole("button", { name: "Save" }).click()
      await entitlementForm.getByRole("alert").getByText(/invalid_entitlement/).waitFor()
      expect((await releasesOf())[0].required_entitlement).toBe("pro-export")
      await entitlementForm.getByLabel("Required entitlement").fill("")
      await entitlementForm.getByRole("button", { name: "Save" }).click()
      await row.getByText("every key").waitFor()
      await waitFor(releasesOf, (list) => list[0].required_entitlement === null)

      await row.getByRole("button", { name: "Publish" }).click()
      await row.getByText("published").waitFor()
      await page.screenshot({ path: path.join(ARTIFACTS, "admin-releases-published.png"), fullPage: true })

      // Yank asks first: Cancel leaves it published.
      await row.getByRole("button", { name: "Yank" }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText("This cannot be undone").waitFor()
      await prompt.getByRole("button", { name: "Cancel" }).click()
      expect((await releasesOf())[0].status).toBe("published")
      await row.getByRole("button", { name: "Yank" }).click()
      await page.getByRole("alertdialog").getByRole("button", { name: "Yank" }).click()
      await row.getByText("yanked").waitFor()
      await waitFor(releasesOf, (list) => list[0].status === "yanked")
      expect(opened.pageErrors).toEqual([])
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, "admin-releases-failure.png"), fullPage: true }).catch(() => undefined)
      throw error
    }
  })
})
