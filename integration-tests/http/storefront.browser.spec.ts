// The Next.js storefront (storefront/, the layout of Medusa's Next.js starter)
// in a real browser (Debian chromium driven by playwright-core) against a real
// Medusa server, from its `next build` output (`next start`): a visitor signs
// up, buys the seeded product through the cart and checkout, sees the key in
// Account -> Licenses, copies it (the clipboard must hold exactly that key),
// sees the product's latest release with its Download button (and a release locked behind an
// entitlement it lacks, without one), frees a slot,
// requests a transfer, renews the key and upgrades it through the cart. A second customer sees a
// machine their app verified (name, short fingerprint), frees it, and activates an air-gapped
// machine offline: the request file up, the license file down (its signature checked), a bad
// request file's typed message on the page. Screenshots go to test-artifacts/.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createPublicKey, verify as verifySignature } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type LicenseModuleService from "../../src/modules/license/service"
import { decryptLicenseFile } from "../../src/modules/license/rules/license-file"
import { activate, customerAccount, storeClient } from "../helpers/customer-licenses"
import { ARTIFACTS, launchChromium } from "../helpers/browser"
import { heldActivations } from "../helpers/licenses"
import { buildStorefront, type RunningStorefront, startStorefront } from "../helpers/next-storefront"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { artifactBytes, privateReleaseFiles, publishedRelease } from "../helpers/releases"
import { waitFor } from "../helpers/wait"

privateReleaseFiles()

// `next build` takes minutes on two busy cores.
jest.setTimeout(15 * 60 * 1000)

const PASSWORD = "secret-Pass-1"

const decodePart = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let browser: Browser | undefined
    let storefront!: RunningStorefront
    let page: Page | undefined
    let store: DemoStore

    // The seed is in the database template each test starts from; one `next start` serves both tests.
    beforeAll(async () => {
      browser = await launchChromium("The storefront browser test")
      await buildStorefront()
      store = await seedStore(getContainer())
      storefront = await startStorefront(api.defaults.baseURL!, store.publishable_key)
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
      } catch (error) {
        await shot("failure").catch(() => undefined)
        throw new Error(`${(error as Error).message}\n--- storefront output ---\n${storefront.output()}`)
      }
    })
    it("a machine verified by its app is listed by name and short fingerprint and freed; offline activation downloads a signed license file", async () => {
      const licenses = getContainer().resolve<LicenseModuleService>("license")
      const email = "lab@example.com"
      const customer = await customerAccount(api, store, email, PASSWORD)
      const { data: issued } = await api.post(
        "/admin/licenses",
        { customer_id: customer.id, variant_id: store.variants["5 sites"] },
        await adminHeaders(api, store)
      )
      const license = issued.license as { id: string; key: string; key_hint: string }
      const held = async () => (await heldActivations(getContainer(), license.id)).map((a) => [a.kind, a.identifier, a.name])
      const mine = async () => (await storeClient(api, store).get(customer, `/store/customers/me/licenses/${license.id}`)).data.license

      // A desktop app's machine (docs/verify-api.md "Who the caller is") takes a slot through the real Verify API.
      const fingerprint = "0123abcd456789ef0123456789abcdef7890"
      const machine = await api.post("/licenses/verify", { license_key: license.key, fingerprint, name: "Ada's laptop" })
      expect(machine.data).toMatchObject({ valid: true, identity: { kind: "machine", value: fingerprint } })

      await page?.context().close()
      const context = await browser!.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true })
      page = await context.newPage()
      page.setDefaultTimeout(60_000)
      try {
        // Log in (the account area's @login slot).
        await page.goto(`${storefront.url}/account`)
        await page.getByLabel("E-mail").fill(email)
        await page.getByLabel("Password").fill(PASSWORD)
        await page.getByRole("button", { name: "Log in", exact: true }).click()
        await page.getByTestId("account-overview").getByText(`Signed in as ${email}.`).waitFor()

        // Account -> Licenses -> the license: the machine by its name, "Machine · " and the fingerprint's first 8
        // and last 4 characters (the whole one in the tooltip), with when it was first and last seen.
        await page.goto(`${storefront.url}/us/account/licenses/${license.id}`)
        await page.getByTestId("license-detail").waitFor()
        const machineRow = page.getByTestId("activation").filter({ hasText: "Ada's laptop" })
        await machineRow.waitFor()
        expect(await machineRow.getByText("Ada's laptop", { exact: true }).getAttribute("title")).toBe(fingerprint)
        expect(await machineRow.textContent()).toMatch(/Machine · 0123abcd…7890 · first seen .+ · last check .+/)
        expect(await page.getByTestId("license-activations").textContent()).toBe("1 / 5")

        // Free, confirmed: the page redraws without it, and the store no longer holds the slot.
        await page.getByRole("button", { name: "Free this slot: Ada's laptop" }).click()
        await page.getByRole("button", { name: "Yes, free this slot" }).click()
        await page.getByTestId("no-activations").waitFor()
        expect(await page.getByTestId("license-activations").textContent()).toBe("0 / 5")
        expect(await held()).toEqual([])
        expect((await mine()).activations).toEqual([])
        expect((await licenses.retrieveLicense(license.id)).activations_used).toBe(0)

        // Offline activation (docs/entitlements-and-license-files.md): the request file an air-gapped machine's
        // app writes goes up through the file input; the license file comes down, encrypted to the key by default.
        const airGapped = "lab-pc-3-fedcba9876543210fedcba98"
        const requestFile = { type: "license_activation_request", version: 1, key_hint: license.key_hint, fingerprint: airGapped, name: "Lab PC 3" }
        const upload = (name: string, text: string) =>
          page!.getByLabel("Activation request file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) })
        const [download] = await Promise.all([page.waitForEvent("download"), upload("activation-request.json", JSON.stringify(requestFile))])
        expect(download.suggestedFilename()).toBe(`license-${license.key.slice(-5)}.lic`)
        const saved = path.join(ARTIFACTS, "storefront-license.lic")
        await download.saveAs(saved)
        const downloaded = fs.readFileSync(saved, "utf8")
        fs.rmSync(saved, { force: true })
        await page.getByRole("status").filter({ hasText: "License file downloaded. Copy it to the machine." }).waitFor()

        // What the app does with it: decrypt with its key, check the ES256 signature with the store's public Verify key.
        const envelope = JSON.parse(downloaded)
        expect(envelope).toMatchObject({ type: "license_file_encrypted", alg: "A256GCM" })
        expect(downloaded).not.toContain(license.key)
        const token = decryptLicenseFile(envelope, license.key)
        const { data: publicKey } = await api.get("/licenses/public-key")
        const [header, payload, signature] = token.split(".")
        expect(decodePart(header)).toMatchObject({ alg: "ES256", kid: publicKey.kid })
        const signedBy = (p: string) =>
          verifySignature("sha256", Buffer.from(`${header}.${p}`), { key: createPublicKey(publicKey.pem), dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))
        expect(signedBy(payload)).toBe(true)
        const file = decodePart(payload)
        expect(file).toMatchObject({ type: "license_file", license: { id: license.id, key_hint: license.key_hint, status: "active" }, machine: { fingerprint: airGapped, name: "Lab PC 3" } })
        expect(signedBy(Buffer.from(JSON.stringify({ ...file, machine: { fingerprint: "another-machine-01", name: null } })).toString("base64url"))).toBe(false)

        // The air-gapped machine holds a slot now, and the page lists it.
        expect(await held()).toEqual([["machine", airGapped, "Lab PC 3"]])
        expect((await mine()).activations).toEqual([expect.objectContaining({ kind: "machine", identifier: airGapped, name: "Lab PC 3" })])
        await page.getByTestId("activation").filter({ hasText: "Lab PC 3" }).filter({ hasText: "Machine · lab-pc-3…ba98" }).waitFor()
        await page.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()

        // Not an activation request, or another key's: the typed message on the page, no file, no slot.
        await upload("notes.json", "hello")
        await page.getByRole("alert").filter({ hasText: "invalid_activation_request: activation_request is not JSON" }).waitFor()
        await upload("other.json", JSON.stringify({ ...requestFile, key_hint: "ZZZZZ", fingerprint: "other-machine-0123456789" }))
        await page.getByRole("alert").filter({ hasText: "invalid_activation_request: the activation request is for another key" }).waitFor()
        expect(await held()).toEqual([["machine", airGapped, "Lab PC 3"]])
        await page.getByTestId("license-detail").waitFor()
      } catch (error) {
        await shot("machines-failure").catch(() => undefined)
        throw new Error(`${(error as Error).message}\n--- storefront output ---\n${storefront.output()}`)
      }
    })
  },
})
