import axios from "axios"
import { type DevHost, startDevHost } from "../helpers/medusa-server"
import { waitFor } from "../helpers/wait"

jest.setTimeout(300 * 1000)

// Medusa's HTTP request log prints every URL (the test runner's NODE_ENV=test
// turns it off, so this runs `medusa start` with LOG_LEVEL=http and reads what
// the server prints). A product's server looks licenses up, verifies and
// deactivates with a real key, an admin searches by the key, and a few requests
// fail on the way: the full key must appear in no log line, in any spelling.

describe("license keys in the server log", () => {
  let host: DevHost

  beforeAll(async () => {
    // The KeyPort-compatible lookup (GET /api/v1/license/:key) puts the key in the path too.
    host = await startDevHost("key_logging", { LOG_LEVEL: "http", MEDUSA_ADMIN_DISABLE: "true", LICENSE_KEYPORT_COMPATIBLE_API: "true" })
  })
  afterAll(async () => {
    await host?.stop()
  })

  it("Medusa's request log and the plugin's log lines show a key's hint, never the key", async () => {
    const { admin, seed, baseUrl } = host
    const customer = (await admin.post("/admin/customers", { email: "log-owner@example.com" })).data.customer
    const license = (await admin.post("/admin/licenses", { customer_id: customer.id, variant_id: seed.variants["5 sites"] })).data.license
    const key: string = license.key
    expect(key).toMatch(/^CP(-[A-Z0-9]{5}){6}$/)
    const hint = key.slice(-5)
    const apiKey: string = (await admin.post(`/admin/products/${seed.product_id}/license-settings/api-key`, {})).data.api_key
    const product = { headers: { authorization: `Bearer ${apiKey}` }, validateStatus: () => true }
    const compact = key.replace(/-/g, "")

    // GET /licenses/:key in three spellings, POST /licenses/lookup, verify, deactivate
    for (const spelling of [key, key.toLowerCase(), compact.slice(2), key.replace(/-/g, " ")]) {
      const res = await axios.get(`${baseUrl}/licenses/${encodeURIComponent(spelling)}`, product)
      expect([spelling, res.status]).toEqual([spelling, 200])
    }
    expect((await axios.post(`${baseUrl}/licenses/lookup`, { license_key: key }, product)).status).toBe(200)
    // GET /api/v1/license/:key (KeyPort-compatible) in the same spellings, and one that fails
    for (const spelling of [key, key.toLowerCase(), compact.slice(2), key.replace(/-/g, " ")]) {
      const res = await axios.get(`${baseUrl}/api/v1/license/${encodeURIComponent(spelling)}`, product)
      expect([spelling, res.status]).toEqual([spelling, 200])
    }
    expect((await axios.get(`${baseUrl}/api/v1/license/${key}`, { validateStatus: () => true })).status).toBe(401)
    expect((await axios.post(`${baseUrl}/api/v1/validate`, { license_key: key, domain: "logs.example" }, product)).data.status).toBe("active")
    const form = `license_key=${encodeURIComponent(key)}`
    const formHeaders = { ...product.headers, "content-type": "application/x-www-form-urlencoded" }
    expect((await axios.post(`${baseUrl}/licenses/lookup`, form, { ...product, headers: formHeaders })).status).toBe(200)
    expect((await axios.post(`${baseUrl}/licenses/verify`, { license_key: key, domain: "logs.example" })).data.code).toBe("valid")
    expect((await axios.post(`${baseUrl}/licenses/deactivate`, { license_key: key, domain: "logs.example" })).data.code).toBe("deactivated")
    // an admin searching by the key, and the customer's license list
    const search = await admin.get(`/admin/licenses?q=${encodeURIComponent(key)}`)
    expect(search.data.licenses.map((l: { id: string }) => l.id)).toEqual([license.id])
    // requests that fail: a NUL byte, a broken JSON body, a key in a query string, an unknown key
    expect((await axios.get(`${baseUrl}/licenses/${key}%00`, product)).status).toBe(400)
    const broken = await axios.get(`${baseUrl}/licenses/${key}`, { ...product, headers: { ...product.headers, "content-type": "application/json" }, data: "{" })
    expect(broken.status).toBe(400)
    expect((await axios.get(`${baseUrl}/licenses/public-key?license_key=${key}`, product)).status).toBe(200)
    expect((await axios.post(`${baseUrl}/licenses/lookup?key=${key}`, { license_key: key.slice(0, -1) + "2" }, product)).status).toBeLessThan(500)

    // The request log is written when an answer is sent: wait for the last one.
    const marker = `log-marker-${Date.now()}`
    await axios.get(`${baseUrl}/licenses/public-key?${marker}`)
    const log = await waitFor(
      async () => host.log.join(""),
      (text) => text.includes(marker),
      30_000
    )

    const lines = log.split("\n")
    // The request log is on, and it shows the lookups with the hint instead of the key.
    const lookups = lines.filter((line) => line.includes("GET /licenses/") && !line.includes("public-key"))
    console.log(`key-logging: request log lines of the lookups:\n${lookups.join("\n")}`)
    expect(lookups.length).toBeGreaterThanOrEqual(6)
    for (const line of lookups) {
      // a key that is one (200) shows its hint; the NUL one (400) is no key: *** alone
      expect(line).toContain(line.includes("(200)") ? `/licenses/***-${hint}` : "/licenses/***")
    }
    expect(lookups.filter((line) => line.includes("(200)"))).toHaveLength(4)
    expect(lines.some((line) => line.includes("POST /licenses/lookup"))).toBe(true)
    const keyPortLookups = lines.filter((line) => line.includes("GET /api/v1/license/") && !line.includes("License keys:"))
    expect(keyPortLookups.length).toBeGreaterThanOrEqual(5)
    for (const line of keyPortLookups) {
      expect(line).toContain(`/api/v1/license/***-${hint}`)
    }
    expect(lines.some((line) => line.includes("GET /admin/licenses?q=***-"))).toBe(true)

    const spellings = [key, key.toLowerCase(), compact, compact.slice(2), compact.slice(2).toLowerCase(), encodeURIComponent(key.replace(/-/g, " "))]
    const leaks = lines.filter((line) => spellings.some((s) => line.toLowerCase().includes(s.toLowerCase())))
    expect(leaks).toEqual([])
  })
})
