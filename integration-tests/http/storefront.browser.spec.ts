// The Next.js storefront (storefront/, the layout of Medusa's Next.js starter)
// in a real browser (Debian chromium driven by playwright-core) against a real
// Medusa server, from its `next build` output (`next start`): a visitor signs
// up, buys the seeded product through the cart and checkout, sees the key in
// Account -> Licenses, copies it (the clipboard must hold exactly that key),
// sees the product's latest release with its Download button (and a release locked behind an
// entitlement it lacks, without one), frees a slot,
// requests a transfer, renews the key and upgrades it through the cart. Screenshots go to test-artifacts/.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate } from "../helpers/customer-licenses"
import { ARTIFACTS, launchChromium } from "../helpers/browser"
import { buildStorefront, type RunningStorefront, startStorefront } from "../helpers/next-storefront"
import { adminHeaders, seedStore } from "../helpers/store"
import { artifactBytes, privateReleaseFiles, publishedRelease } from "../helpers/releases"
import { waitFor } from "../helpers/wait"

privateReleaseFiles()

// `next build` takes minutes on two busy cores.
jest.setTimeout(15 * 60 * 1000)

const PASSWORD = "secret-Pass-1"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let browser: Browser | undefined
    let storefront: RunningStorefront | undefined
    let page: Page | undefined

    beforeAll(async () => {
      browser = await launchChromium("The storefront browser test")
      await buildStorefront()
    })

    afterAll(async () => {
      await page?.context().close().catch(() => undefined)
      await browser?.close().catch(() => undefined)
      await storefront?.stop()
    })

    const shot = async (name: string) => {
      await page!.screenshot({ path: path.join(ARTIFACTS, `storefront-${name}.png`), fullPage: true })
    }

    it("next build: a visitor signs up, buys through the cart, copies the key, frees a slot and requests a transfer", async () => {
      const container = getContainer()
      const licenses = container.resolve<LicenseModuleService>("license")
      const store = await seedStore(container)
      storefront = await startStorefront(api.defaults.baseURL!, store.publishable_key)
      const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } })
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: storefront.url })
      page = await context.newPage()
      page.setDefaultTimeout(60_000)
      const email = "buyer@example.com"

      try {
        // Sign up (the account area's @login slot); the middleware adds /us.
        await page.goto(`${storefront.url}/account`)
        await page.getByRole("button", { name: "Create an account" }).click()
        await page.getByLabel("First name").fill("Ada")
        await page.getByLabel("Last name").fill("Buyer")
        await page.getByLabel("E-mail").fill(email)
        await page.getByLabel("Password").fill(PASSWORD)
        await shot("1-sign-up")
        await page.getByRole("button", { name: "Create account" }).click()
        await page.getByTestId("account-overview").getByText(`Signed in as ${email}.`).waitFor()
        expect(new URL(page.url()).pathname).toBe("/us/account")

        // Account -> Profile: a Discord ID, which the keys bought next carry (docs/migrating-from-keyport.md).
        await page.getByTestId("profile-link").click()
        await page.getByTestId("profile-page-wrapper").waitFor()
        await page.getByLabel("Discord ID").fill("123456789012345678")
        await page.getByTestId("save-discord-id").click()
        await page.getByTestId("discord-id-saved").waitFor()

        // The product page -> cart -> checkout with the region's payment provider.
        await page.goto(`${storefront.url}/us/products/pro-plugin`)
        await page.getByRole("heading", { name: "Pro Plugin" }).waitFor()
        await page.getByLabel("5 sites").check()
        await shot("2-product")
        await page.getByRole("button", { name: "Add to cart" }).click()
        await page.waitForURL("**/us/cart")
        const item = page.getByTestId("cart-item")
        await item.waitFor()
        expect(await item.textContent()).toContain("5 sites")
        expect(await page.getByLabel("E-mail").inputValue()).toBe(email)
        await shot("3-cart")
        await page.getByRole("button", { name: "Place order" }).click()
        await page.getByTestId("order-confirmed").waitFor()
        await shot("4-confirmed")

        // The order.placed subscriber issued the key to this customer.
        const [license] = await waitFor(
          () => licenses.listLicenses({ customer_email: email }, { take: null }),
          (l) => l.length === 1,
          30_000
        )
        expect(license.variant_title).toBe("5 sites")
        expect(license.customer_discord_id).toBe("123456789012345678")
        const key = licenses.revealKey(license)
        expect(await activate(api, key, "one.example.com")).toBe("valid")
        expect(await activate(api, key, "two.example.com")).toBe("valid")
        // Software delivery: two published releases of the product (docs/software-delivery.md).
        const auth = await adminHeaders(api, store)
        const latest = artifactBytes(40_000)
        await publishedRelease(api, auth, store.product_id, { version: "1.0.0" }, artifactBytes(1000).bytes)
        await publishedRelease(api, auth, store.product_id, { version: "1.1.0", changelog: "Faster" }, latest.bytes)
        // A newer release for keys with the pro-export entitlement, which this key lacks: shown locked.
        await publishedRelease(api, auth, store.product_id, { version: "2.0.0", required_entitlement: "pro-export" }, artifactBytes(1000).bytes)

        // Account -> Licenses: the key with its product, status and slot count.
        await page.getByRole("link", { name: "Account → Licenses" }).click()
        await page.getByRole("heading", { name: "Licenses", exact: true }).waitFor()
        const card = page.getByTestId("license-card").filter({ hasText: "5 sites" })
        await card.waitFor()
        expect(await card.getByTestId("license-key").textContent()).toBe(key)
        expect(await card.getByRole("heading").textContent()).toBe("Pro Plugin")
        expect(await card.getByTestId("license-status").textContent()).toBe("Active")
        expect(await card.getByTestId("license-activations").textContent()).toBe("2 / 5")
        await shot("5-licenses")

        // Copy: visible feedback, and the clipboard holds exactly the key.
        await card.getByRole("button", { name: "Copy the license key for Pro Plugin" }).click()
        await card.getByRole("status").filter({ hasText: "Copied" }).waitFor()
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
        await shot("6-copied")

        // The license's page: its two sites, each with "Free this slot".
        await card.getByRole("link", { name: /^Manage Pro Plugin/ }).click()
        await page.getByTestId("license-detail").waitFor()
        const activations = page.getByTestId("activation")
        await activations.nth(1).waitFor()
        expect(await activations.count()).toBe(2)
        expect(await page.getByTestId("license-activations").textContent()).toBe("2 / 5")

        // Downloads: the latest release with a Download button whose link delivers its bytes, then the previous one.
        const downloads = page.getByTestId("license-releases")
        await downloads.getByText("Version 1.1.0").waitFor()
        const href = await downloads.getByTestId("download-latest").getAttribute("href")
        expect(Buffer.from(await (await fetch(href!)).arrayBuffer()).equals(latest.bytes)).toBe(true)
        expect(await downloads.getByTestId("previous-releases").textContent()).toContain("1.0.0")
        const locked = downloads.getByTestId("locked-releases")
        expect(await locked.getByTestId("locked-2.0.0").textContent()).toBe("Locked: requires pro-export")
        expect(await locked.locator("a").count()).toBe(0)
        await shot("7a-downloads")

        // Free one, with confirmation; the page redraws with one site.
        await page.getByRole("button", { name: "Free this slot: one.example.com" }).click()
        await page.getByRole("button", { name: "Yes, free this slot" }).waitFor()
        await shot("7-confirm-free")
        await page.getByRole("button", { name: "Yes, free this slot" }).click()
        await page.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()
        expect(await activations.count()).toBe(1)
        expect(await activations.first().textContent()).toContain("two.example.com")
        expect((await licenses.retrieveLicense(license.id)).activations_used).toBe(1)
        const freed = await licenses.listLicenseEvents({ license_id: license.id, type: "deactivated" })
        expect(freed.map((e) => e.actor_type)).toEqual(["customer"])
        await shot("8-freed")

        // Transfer: the request is recorded for the store to approve, and shown.
        await page.getByLabel("Recipient's e-mail").fill("colleague@example.com")
        await page.getByRole("button", { name: "Request transfer" }).click()
        await page
          .getByTestId("transfer-status")
          .filter({ hasText: "Transfer to colleague@example.com" })
          .filter({ hasText: "waiting for the store's approval" })
          .waitFor()
        await page.getByRole("button", { name: "Withdraw the request" }).waitFor()
        const { request } = await licenses.retrieveCustomerTransferRequest(license.customer_id!, license.id)
        expect(request).toMatchObject({ status: "pending", to_email: "colleague@example.com" })
        await shot("9-transfer-requested")

        // Back on the list the count has dropped too.
        await page.getByRole("link", { name: "← Back to licenses" }).click()
        await card.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()

        // Renew (docs/renewals-and-upgrades.md): 5 sites renews at 20% off, 149 -> 119.20. The card shows the
        // price; the button puts the renewal in the cart (with the new expiry), and the order extends the same key.
        await licenses.setProductPolicies(store.product_id, [
          { variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365, renewable: true, renewal_discount_percent: 20 },
        ])
        await page.reload()
        const renew = card.getByRole("button", { name: "Renew Pro Plugin for $119.20" })
        await renew.waitFor()
        await shot("10-renew")
        await renew.click()
        await page.waitForURL("**/us/cart")
        const renewal = page.getByTestId("cart-item").filter({ hasText: "5 sites" })
        await renewal.getByTestId("cart-item-renewal").waitFor()
        expect(await renewal.textContent()).toContain("$119.20")
        // (page.content() would still hold the licenses page's own payload: the cart is a client-side navigation.)
        expect(await page.locator("main").innerText()).not.toContain(key)
        await shot("11-renewal-in-cart")
        await page.getByRole("button", { name: "Place order" }).click()
        await page.getByTestId("order-confirmed").waitFor()
        const [extension] = await waitFor(() => licenses.listLicenseRenewals({ license_id: license.id }), (r) => r.length === 1, 30_000)
        expect(new Date(extension.new_expires_at).getTime() - new Date(license.expires_at!).getTime()).toBe(365 * 24 * 60 * 60 * 1000)
        expect(new Date((await licenses.retrieveLicense(license.id)).expires_at!)).toEqual(new Date(extension.new_expires_at))
        expect(await licenses.listLicenses({ customer_email: email }, { take: null })).toHaveLength(1)

        // Upgrade (docs/renewals-and-upgrades.md "Upgrades"): 5 sites -> Unlimited sites, (299 - 149) for the two
        // terms left after the renewal = $300.00. The card shows the price; the button puts the upgrade in the cart,
        // and the order gives the same key the unlimited cap, keeping its expiry.
        await licenses.setProductPolicies(store.product_id, [
          { variant_id: store.variants["5 sites"], licensed: true, max_activations: 5, term_days: 365, upgrade_paths: [store.variants["Unlimited sites"]] },
        ])
        await page.goto(`${storefront.url}/us/account/licenses`)
        const upgrade = card.getByRole("button", { name: "Upgrade Pro Plugin to Unlimited sites for $300.00" })
        await upgrade.waitFor()
        await shot("12-upgrade")
        await upgrade.click()
        await page.waitForURL("**/us/cart")
        const upgradeLine = page.getByTestId("cart-item").filter({ hasText: "Unlimited sites" })
        await upgradeLine.getByTestId("cart-item-upgrade").waitFor()
        expect(await upgradeLine.textContent()).toContain("$300.00")
        expect(await page.locator("main").innerText()).not.toContain(key)
        await shot("13-upgrade-in-cart")
        await page.getByRole("button", { name: "Place order" }).click()
        await page.getByTestId("order-confirmed").waitFor()
        await waitFor(() => licenses.listLicenseUpgrades({ license_id: license.id }), (r) => r.length === 1, 30_000)
        expect(await licenses.retrieveLicense(license.id)).toMatchObject({ variant_title: "Unlimited sites", max_activations: 0, expires_at: new Date(extension.new_expires_at) })
        expect(await licenses.listLicenses({ customer_email: email }, { take: null })).toHaveLength(1)

        // A desktop app's machine (docs/verify-api.md "Who the caller is"): listed by its name, with its
        // fingerprint shortened, beside the site.
        const fingerprint = "0123456789abcdef0123456789abcdef"
        const machine = await api.post("/licenses/verify", { license_key: key, fingerprint, name: "Ada's laptop" })
        expect(machine.data).toMatchObject({ valid: true, identity: { kind: "machine", value: fingerprint } })
        await page.goto(`${storefront.url}/us/account/licenses/${license.id}`)
        await page.getByTestId("license-detail").waitFor()
        const machineRow = page.getByTestId("activation").filter({ hasText: "Ada's laptop" })
        await machineRow.waitFor()
        expect(await machineRow.textContent()).toContain("Machine · 01234567…cdef")
        await page.getByRole("button", { name: "Free this slot: Ada's laptop" }).waitFor()
        await shot("14-machine")
      } catch (error) {
        await shot("failure").catch(() => undefined)
        throw new Error(`${(error as Error).message}\n--- storefront output ---\n${storefront.output()}`)
      }
    })
  },
})
