// The demo storefront in a real browser (Debian chromium driven by
// playwright-core) against a real Medusa server: a customer who bought the
// seeded product logs in, opens Account -> Licenses, copies the key (the
// clipboard must hold exactly that key), opens it and frees a slot.
// Screenshots go to test-artifacts/ (git-ignored).
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { type ChildProcess, spawn } from "node:child_process"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type LicenseModuleService from "../../src/modules/license/service"
import { activate, buyLicenses, customerAccount } from "../helpers/customer-licenses"
import { ARTIFACTS, launchChromium } from "../helpers/browser"
import { freePort } from "../helpers/ports"
import { seedStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

const ROOT = path.resolve(__dirname, "../..")
const PASSWORD = "secret-Pass-1"

/** Starts storefront/demo/server.mjs (Vite) proxying to `medusaUrl`; resolves once it listens. */
async function startStorefront(medusaUrl: string, publishableKey: string) {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(ROOT, "storefront", "demo", "server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      STOREFRONT_PORT: String(port),
      STOREFRONT_HOST: "localhost",
      MEDUSA_BACKEND_URL: medusaUrl,
      MEDUSA_PUBLISHABLE_KEY: publishableKey,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`storefront did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/Storefront ready at (\S+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`storefront exited (${code}):\n${output}`))
    })
  })
  return { url, child, output: () => output }
}

async function stopProcess(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  child.kill("SIGTERM")
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000)
  await exited
  clearTimeout(timer)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let browser: Browser | undefined
    let storefront: Awaited<ReturnType<typeof startStorefront>> | undefined
    let page: Page | undefined

    beforeAll(async () => {
      browser = await launchChromium("The storefront browser test")
    })

    afterAll(async () => {
      await page?.context().close().catch(() => undefined)
      await browser?.close().catch(() => undefined)
      await stopProcess(storefront?.child)
    })

    const shot = async (name: string) => {
      await page!.screenshot({ path: path.join(ARTIFACTS, `storefront-${name}.png`), fullPage: true })
    }

    it("a customer logs in, copies their key, opens it and frees a slot", async () => {
      const container = getContainer()
      const licenses = container.resolve<LicenseModuleService>("license")
      const store = await seedStore(container)
      const buyer = await customerAccount(api, store, "buyer@example.com", PASSWORD)
      const {
        licenses: [license],
      } = await buyLicenses(api, container, store, buyer, [{ variant_id: store.variants["5 sites"], quantity: 1 }])
      const key = licenses.revealKey(license)
      expect(await activate(api, key, "one.example.com")).toBe("valid")
      expect(await activate(api, key, "two.example.com")).toBe("valid")

      storefront = await startStorefront(api.defaults.baseURL!, store.publishable_key)
      const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } })
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: storefront.url })
      page = await context.newPage()
      page.setDefaultTimeout(30_000)

      try {
        await page.goto(storefront.url)
        await page.getByLabel("E-mail").fill(buyer.email)
        await page.getByLabel("Password").fill(PASSWORD)
        await shot("1-login")
        await page.getByRole("button", { name: "Log in", exact: true }).click()

        // Account -> Licenses: the key with its product, expiry, status and count.
        await page.getByRole("heading", { name: "Licenses", exact: true }).waitFor()
        const card = page.getByTestId("license-card").filter({ hasText: "5 sites" })
        await card.waitFor()
        expect(await card.getByTestId("license-key").textContent()).toBe(key)
        expect(await card.getByRole("heading").textContent()).toContain("Pro Plugin")
        expect(await card.getByText(/^Expires on /).count()).toBe(1)
        expect(await card.locator(".lk-badge").textContent()).toBe("Active")
        expect(await card.getByTestId("license-activations").textContent()).toBe("2 / 5")
        await shot("2-licenses")

        // Copy: visible feedback, and the clipboard holds exactly the key.
        await card.getByRole("button", { name: "Copy the license key for Pro Plugin" }).click()
        await card.getByRole("status").filter({ hasText: "Copied" }).waitFor()
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
        await shot("3-copied")

        // Open the key: its two sites, each with "Free this slot".
        await card.getByRole("button", { name: /^Manage activations of Pro Plugin/ }).click()
        await page.getByRole("heading", { name: /Pro Plugin/ }).waitFor()
        const activations = page.getByTestId("activation")
        await activations.nth(1).waitFor()
        expect(await activations.count()).toBe(2)
        expect(await page.getByTestId("license-activations").textContent()).toBe("2 / 5")
        await shot("4-activations")

        // Free one, with confirmation; the count drops.
        await page.getByRole("button", { name: "Free this slot: one.example.com" }).click()
        await page.getByRole("button", { name: "Yes, free this slot" }).waitFor()
        await shot("5-confirm")
        await page.getByRole("button", { name: "Yes, free this slot" }).click()
        await page.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()
        await page.getByRole("status").filter({ hasText: "Slot freed: one.example.com" }).waitFor()
        expect(await activations.count()).toBe(1)
        expect(await activations.first().textContent()).toContain("two.example.com")
        await shot("6-freed")

        // Back on the list the count has dropped too, and the server agrees.
        await page.getByRole("button", { name: "← Back to licenses" }).click()
        await card.getByTestId("license-activations").filter({ hasText: "1 / 5" }).waitFor()
        expect((await licenses.retrieveLicense(license.id)).activations_used).toBe(1)
        const events = await licenses.listLicenseEvents({ license_id: license.id, type: "deactivated" })
        expect(events.map((e) => [e.actor_type, e.actor_id])).toEqual([["customer", buyer.id]])
      } catch (error) {
        await shot("failure").catch(() => undefined)
        throw new Error(`${(error as Error).message}\n--- storefront output ---\n${storefront.output()}`)
      }
    })
  },
})
