import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { execFile } from "node:child_process"
import { createPublicKey, verify as verifySignature } from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { decryptLicenseFile } from "../../src/modules/license/rules/license-file"
import { activationsUsed, heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { buyLicenses, customerAccount } from "../helpers/customer-licenses"
import { adminHeaders, seedStore } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Offline license files (docs/entitlements-and-license-files.md): POST /licenses/checkout, encrypted
// files, the air-gapped round trip through the store API, and the docs' Node snippet on real files.

const fp = (n: number | string) => `offline-machine-${n}-0123456789abcdef`
const HOUR = 3600 * 1000

const decodePart = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

/** The docs' Node snippet, run as the app would run it; its one line of JSON output. */
async function runDocsSnippet(env: Record<string, string>, files: { publicKey: string; licenseFile: string }): Promise<any> {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/entitlements-and-license-files.md"), "utf8")
  const start = doc.indexOf("```js", doc.indexOf("### Verifying a license file offline in Node"))
  const snippet = doc.slice(start + 5, doc.indexOf("```", start + 5))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "license-file-"))
  try {
    fs.writeFileSync(path.join(dir, "check.mjs"), snippet)
    fs.writeFileSync(path.join(dir, "public.pem"), files.publicKey)
    fs.writeFileSync(path.join(dir, "license.lic"), files.licenseFile)
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [path.join(dir, "check.mjs")],
        { env: { PATH: process.env.PATH ?? "", PUBLIC_KEY_FILE: path.join(dir, "public.pem"), LICENSE_FILE: path.join(dir, "license.lic"), ...env } },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))
      )
    )
    return JSON.parse(stdout)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(29)

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const checkout = (body: unknown) => client.post("/licenses/checkout", body, { from: freshIp() })
    const publicKeyPem = async () => (await client.get("/licenses/public-key")).data.pem as string

    it("checks out a signed file for the machine: its signature verifies with the public key, a tampered file does not; same slot rules", async () => {
      const expires = new Date(Date.now() + 400 * 24 * HOUR)
      const { license, key } = await issueLicense(getContainer(), { max_activations: 1, expires_at: expires, entitlements: ["pro-export"] })
      const before = Date.now()
      const res = await checkout({ license_key: key, fingerprint: fp(1), name: "Lab PC" })
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ valid: true, code: "valid", identity: { kind: "machine", value: fp(1) }, entitlements: ["pro-export"] })
      const token: string = res.data.license_file
      expect(typeof token).toBe("string")

      const pem = await publicKeyPem()
      const { kid } = (await client.get("/licenses/public-key")).data
      const [header, payload, signature] = token.split(".")
      expect(decodePart(header)).toMatchObject({ alg: "ES256", kid })
      const verifies = (h: string, p: string) =>
        verifySignature("sha256", Buffer.from(`${h}.${p}`), { key: createPublicKey(pem), dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))
      expect(verifies(header, payload)).toBe(true)
      const file = decodePart(payload)
      expect(file).toMatchObject({
        type: "license_file",
        license: { id: license.id, key_hint: license.key_hint, status: "active", expires_at: expires.toISOString(), product_id: "prod_verify", variant_id: "variant_verify", entitlements: ["pro-export"] },
        machine: { fingerprint: fp(1), name: "Lab PC" },
      })
      expect(JSON.stringify(file)).not.toContain(key)
      // No policy: 30 days from now (the default TTL), well inside the license's expiry.
      const exp = new Date(file.expires_at).getTime()
      expect(exp).toBeGreaterThanOrEqual(before + 720 * HOUR - 1000)
      expect(exp).toBeLessThanOrEqual(Date.now() + 720 * HOUR)
      expect(file.exp).toBe(Math.floor(exp / 1000))
      expect(res.data.license_file_expires_at).toBe(file.expires_at)

      // Tampered: another machine, or a later expiry, and the signature no longer verifies.
      const forged = Buffer.from(JSON.stringify({ ...file, machine: { fingerprint: fp(9), name: null } })).toString("base64url")
      expect(verifies(header, forged)).toBe(false)
      const later = Buffer.from(JSON.stringify({ ...file, exp: file.exp + 365 * 24 * 3600 })).toString("base64url")
      expect(verifies(header, later)).toBe(false)

      // The same slot rules as verify: the machine holds one slot, another machine gets no file.
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)
      expect((await checkout({ license_key: key, fingerprint: fp(1) })).data).toMatchObject({ valid: true, license: { activations_used: 1 } })
      const other = await checkout({ license_key: key, fingerprint: fp(2) })
      expect(other.data).toMatchObject({ valid: false, code: "max_activations_exceeded", license_file: null, license_file_expires_at: null })
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      // fingerprint is required; a malformed key is the verify answer, with no file.
      const noFingerprint = await checkout({ license_key: key })
      expect([noFingerprint.status, noFingerprint.data.code, noFingerprint.data.message]).toEqual([400, "invalid_request", "fingerprint is required"])
      expect((await checkout({ license_key: "CP-NOPE", fingerprint: fp(3) })).data).toMatchObject({ valid: false, code: "malformed", license_file: null })
    })

    it("a file never outlives its license; the policy's TTL sets its life", async () => {
      const soon = new Date(Date.now() + 5 * HOUR)
      const { key } = await issueLicense(getContainer(), { max_activations: 2, expires_at: soon })
      const res = await checkout({ license_key: key, fingerprint: fp("soon") })
      expect(res.data.license_file_expires_at).toBe(soon.toISOString())

      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const single = store.variants["Single site"]
      const bad = await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: single, licensed: true, max_activations: 2, term_days: 365, license_file_ttl_hours: 0 }] },
        { ...auth, validateStatus: () => true }
      )
      expect(bad.status).toBe(400)
      await api.post(
        `/admin/products/${store.product_id}/license-policies`,
        { policies: [{ variant_id: single, licensed: true, max_activations: 2, term_days: 365, license_file_ttl_hours: 2 }] },
        auth
      )
      const policy = (await api.get(`/admin/products/${store.product_id}/license-policies`, auth)).data.license_policies.find((p: any) => p.variant_id === single)
      expect(policy.license_file_ttl_hours).toBe(2)
      const { key: bought } = await issueLicense(getContainer(), { variant_id: single, product_id: store.product_id, max_activations: 2, term_days: 365 })
      const before = Date.now()
      const two = await checkout({ license_key: bought, fingerprint: fp("ttl") })
      const exp = new Date(two.data.license_file_expires_at).getTime()
      expect(exp).toBeGreaterThanOrEqual(before + 2 * HOUR - 1000)
      expect(exp).toBeLessThanOrEqual(Date.now() + 2 * HOUR)
    })

    it("an encrypted file opens with its key and not with another; the docs' Node snippet reads plain and encrypted files", async () => {
      const { key } = await issueLicense(getContainer(), { max_activations: 3, entitlements: ["pro-export", "sso"] })
      const { key: otherKey } = await issueLicense(getContainer(), { max_activations: 1 })
      const plain = await checkout({ license_key: key, fingerprint: fp("enc") })
      const sealed = await checkout({ license_key: key, fingerprint: fp("enc"), encrypt: true })
      expect(sealed.data.license_file).toMatchObject({ type: "license_file_encrypted", alg: "A256GCM", kdf: "HKDF-SHA256" })
      const text = JSON.stringify(sealed.data.license_file)
      expect(text).not.toContain(key)
      const opened = decryptLicenseFile(sealed.data.license_file, key)
      expect(decodePart(opened.split(".")[1])).toMatchObject({ type: "license_file", machine: { fingerprint: fp("enc") } })
      expect(() => decryptLicenseFile(sealed.data.license_file, otherKey)).toThrow()

      const pem = await publicKeyPem()
      const files = (licenseFile: string) => ({ publicKey: pem, licenseFile })
      expect(await runDocsSnippet({ FINGERPRINT: fp("enc"), LICENSE_KEY: key }, files(plain.data.license_file))).toMatchObject({
        valid: true,
        entitlements: ["pro-export", "sso"],
        expires_at: plain.data.license_file_expires_at,
      })
      expect(await runDocsSnippet({ FINGERPRINT: fp("enc"), LICENSE_KEY: key }, files(text))).toMatchObject({ valid: true, entitlements: ["pro-export", "sso"] })
      expect(await runDocsSnippet({ FINGERPRINT: fp("enc"), LICENSE_KEY: otherKey }, files(text))).toMatchObject({ valid: false })
      expect(await runDocsSnippet({ FINGERPRINT: fp("elsewhere"), LICENSE_KEY: key }, files(plain.data.license_file))).toEqual({
        valid: false,
        reason: "license file is for another machine",
      })
      const [h, p, s] = (plain.data.license_file as string).split(".")
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodePart(p), license: { ...decodePart(p).license, entitlements: ["everything"] } })).toString("base64url")}.${s}`
      expect(await runDocsSnippet({ FINGERPRINT: fp("enc"), LICENSE_KEY: key }, files(tampered))).toEqual({ valid: false, reason: "signature does not verify" })
    })

    it("the air-gapped round trip through the store API: request file up, license file down; own license only; the admin can do it too", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const ana = await customerAccount(api, store, "ana-offline@example.com")
      const bob = await customerAccount(api, store, "bob-offline@example.com")
      const { licenses } = await buyLicenses(api, getContainer(), store, ana, [{ variant_id: store.variants["Single site"], quantity: 1 }])
      const license = licenses[0]
      const key = licenseService(getContainer()).revealKey(license)
      const requestFile = JSON.stringify({ type: "license_activation_request", version: 1, key_hint: license.key_hint, fingerprint: fp("airgap"), name: "Lab PC 3" })
      const headers = (c: { token: string }) => ({ "x-publishable-api-key": store.publishable_key, authorization: `Bearer ${c.token}` })
      const upload = (c: { token: string }, body: unknown, id = license.id) =>
        api.post(`/store/customers/me/licenses/${id}/offline-activation`, body, { headers: headers(c), validateStatus: () => true })

      const res = await upload(ana, { activation_request: requestFile, encrypt: true })
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ valid: true, code: "valid", identity: { kind: "machine", value: fp("airgap") } })
      expect(res.data.license_key).toBeUndefined()
      expect(JSON.stringify(res.data)).not.toContain(key)
      const held = await heldActivations(getContainer(), license.id)
      expect(held.map((a) => [a.kind, a.identifier, a.name])).toEqual([["machine", fp("airgap"), "Lab PC 3"]])

      // Back on the air-gapped machine: the docs' snippet opens and checks the file with the key.
      const pem = await publicKeyPem()
      const back = await runDocsSnippet({ FINGERPRINT: fp("airgap"), LICENSE_KEY: key }, { publicKey: pem, licenseFile: JSON.stringify(res.data.license_file) })
      expect(back).toMatchObject({ valid: true, license_id: license.id, expires_at: res.data.license_file_expires_at })

      // Not hers: 404, nothing taken. A request for another key or not a request: typed 400.
      const notBobs = await upload(bob, { activation_request: requestFile })
      expect(notBobs.status).toBe(404)
      const otherKey = await upload(ana, { activation_request: { ...JSON.parse(requestFile), key_hint: "ZZZZZ" } })
      expect([otherKey.status, otherKey.data.type]).toEqual([400, "invalid_data"])
      expect(otherKey.data.message).toBe("invalid_activation_request: the activation request is for another key")
      const notJson = await upload(ana, { activation_request: "hello" })
      expect(notJson.data.message).toBe("invalid_activation_request: activation_request is not JSON")
      const shortFp = await upload(ana, { activation_request: { ...JSON.parse(requestFile), fingerprint: "short" } })
      expect(shortFp.data.message).toMatch(/^invalid_activation_request: fingerprint must be 8 to 256 characters/)

      // The same slot rules: a second machine on a 1-seat key gets no file.
      const second = await upload(ana, { activation_request: { ...JSON.parse(requestFile), fingerprint: fp("airgap-2") } })
      expect(second.data).toMatchObject({ valid: false, code: "max_activations_exceeded", license_file: null })
      expect(await activationsUsed(getContainer(), license.id)).toBe(1)

      // The admin frees nothing and re-issues the file for the same machine (no new slot).
      const byAdmin = await api.post(`/admin/licenses/${license.id}/offline-activation`, { activation_request: requestFile }, auth)
      expect(byAdmin.data).toMatchObject({ valid: true, license: { activations_used: 1 } })
      const [, payload] = (byAdmin.data.license_file as string).split(".")
      expect(decodePart(payload)).toMatchObject({ license: { id: license.id }, machine: { fingerprint: fp("airgap"), name: "Lab PC 3" } })
      const unauthenticated = await api.post(`/admin/licenses/${license.id}/offline-activation`, { activation_request: requestFile }, { validateStatus: () => true })
      expect(unauthenticated.status).toBe(401)
    })
  },
})
