import fs from "node:fs"
import path from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
// Without the background-networking flags Chromium keeps dialing out, and these
// machines refuse every outside connection.
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/** Screenshots a reviewer can look at (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts")

/**
 * Debian's Chromium driven by playwright-core. Never skipped: a machine without
 * the browser fails here, saying how to install it.
 */
export async function launchChromium(what: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. ${what} needs Debian's chromium: ` +
        "run `apt-get update && apt-get install -y chromium` (.ci/run does this), or set CHROMIUM_PATH."
    )
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
}

/** A desktop-sized page, and the uncaught errors of its scripts (a test asserts there were none). */
export async function openAdminPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const pageErrors: string[] = []
  page.on("pageerror", (error) => pageErrors.push(String(error)))
  return { page, pageErrors }
}

/** Logs in to the Medusa admin at `baseUrl/app`. */
export async function logInToAdmin(page: Page, baseUrl: string, email: string, password: string) {
  // The first load compiles the dashboard in the Vite middleware: allow for it.
  await page.goto(`${baseUrl}/app/login`, { timeout: 240_000 })
  await page.locator('input[name="email"]').fill(email, { timeout: 240_000 })
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 120_000 })
}
