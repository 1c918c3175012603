import { Modules } from "@medusajs/framework/utils"
import { execFile } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "node:crypto"
import jwt from "jsonwebtoken"
import type ReleaseModuleService from "../../src/modules/release/service"
import { issueLicense, licenseService } from "../helpers/licenses"
import { artifactBytes, publishedRelease, uploadRelease, privateReleaseFiles } from "../helpers/releases"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

privateReleaseFiles()

jest.setTimeout(180 * 1000)

type Headers = { headers: Record<string, string> }

// Software delivery over real HTTP on a real database (docs/software-delivery.md): the update
// check on top of the Verify API, the WordPress (EDD get_version) shape, and downloads by token.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let auth: Headers
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(5)
    const releasesModule = () => getContainer().resolve<ReleaseModuleService>("release")

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = verifyClient(api)
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => {
      client?.close()
    })

    /** A product with a key (5 slots) and the given published releases. */
    const productWithReleases = async (releases: { version: string; channel?: string; changelog?: string }[], licenseOverrides = {}) => {
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Pro Plugin ${Math.random().toString(36).slice(2, 8)}` }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, product_title: product.title, ...licenseOverrides })
      const published: Record<string, any>[] = []
      const bytes: Buffer[] = []
      for (const fields of releases) {
        const file = artifactBytes(200_000 + published.length)
        published.push(await publishedRelease(api, auth, product.id, fields as Record<string, string>, file.bytes))
        bytes.push(file.bytes)
      }
      return { productId: product.id, license, key, published, bytes }
    }
    const check = (body: Record<string, unknown>, from = freshIp()) => client.post("/licenses/updates", body, { from })
    const download = (url: string, headers: Record<string, string> = {}) =>
      fetch(url, { headers }).then(async (res) => ({ status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }))
    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")

    describe("POST /licenses/updates", () => {
      it("offers the newest stable release the key may install, signed like verify, with a download link that delivers its bytes", async () => {
        const { key, published, bytes } = await productWithReleases([
          { version: "1.0.0" },
          { version: "1.10.0", changelog: "## 1.10\n- New" },
          { version: "1.9.0" },
          { version: "2.0.0-beta.1", channel: "beta" },
        ])
        const res = await check({ license_key: key, domain: "shop.example.com", version: "1.2.0" })
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({
          valid: true,
          code: "valid",
          update: "update_available",
          identity: { kind: "domain", value: "shop.example.com" },
          release: { version: "1.10.0", channel: "stable", changelog: "## 1.10\n- New", size: bytes[1].length, sha256: sha256(bytes[1]) },
        })
        // Signed by the Verify API's key: the JWT payload is the answer.
        const { data: jwks } = await api.get("/licenses/public-key")
        const payload = jwt.verify(res.data.signature, jwks.pem ?? jwks.keys?.[0]?.pem ?? jwks.public_key, { algorithms: ["ES256"] }) as Record<string, any>
        expect(payload.release.download_url).toBe(res.data.release.download_url)
        expect(payload.update).toBe("update_available")

        const got = await download(res.data.release.download_url)
        expect(got.status).toBe(200)
        expect(got.headers.get("accept-ranges")).toBe("bytes")
        expect(sha256(got.body)).toBe(published[1].artifact.sha256)

        // The same slot: up_to_date for the newest version; beta channel sees the beta.
        const current = await check({ license_key: key, domain: "shop.example.com", version: "1.10.0" })
        expect(current.data).toMatchObject({ valid: true, update: "up_to_date", release: { version: "1.10.0" } })
        const beta = await check({ license_key: key, domain: "shop.example.com", version: "1.10.0", channel: "beta" })
        expect(beta.data).toMatchObject({ update: "update_available", release: { version: "2.0.0-beta.1", channel: "beta" } })
      })

      it("answers every verify code as verify does, with no release for a key that is not valid", async () => {
        const { key, license } = await productWithReleases([{ version: "1.1.0" }], { max_activations: 1 })
        expect((await check({ license_key: key, domain: "one.example.com", version: "1.0.0" })).data).toMatchObject({ valid: true, update: "update_available" })
        const full = await check({ license_key: key, domain: "two.example.com", version: "1.0.0" })
        expect(full.data).toMatchObject({ valid: false, code: "max_activations_exceeded", update: null, release: null })
        expect((await check({ license_key: "CP-NOPE", version: "1.0.0" })).data).toMatchObject({ valid: false, code: "malformed", release: null })
        const unknown = await check({ license_key: key.replace(/.$/, (c) => (c === "A" ? "B" : "A")), version: "1.0.0" })
        expect(unknown.data).toMatchObject({ valid: false, code: expect.stringMatching(/not_found|malformed/), release: null })
        await licenseService(getContainer()).updateLicenses({ id: license.id, status: "revoked" })
        expect((await check({ license_key: key, domain: "one.example.com", version: "1.0.0" })).data).toMatchObject({ valid: false, code: "revoked", release: null })
        const missingVersion = await check({ license_key: key, domain: "one.example.com" })
        expect({ status: missingVersion.status, code: missingVersion.data.code }).toEqual({ status: 400, code: "invalid_request" })
        const badChannel = await check({ license_key: key, version: "1.0.0", channel: "nightly" })
        expect(badChannel.status).toBe(400)
      })

      it("never offers a draft or a yanked release", async () => {
        const { key, productId, published } = await productWithReleases([{ version: "1.0.0" }, { version: "1.1.0" }])
        await uploadRelease(api, auth, productId, { version: "1.2.0" }, artifactBytes(1000))
        await api.post(`/admin/products/${productId}/releases/${published[1].id}/yank`, {}, auth)
        const res = await check({ license_key: key, domain: "a.example.com", version: "1.0.0" })
        expect(res.data).toMatchObject({ valid: true, update: "up_to_date", release: { version: "1.0.0" } })
      })
    })

    describe("WordPress (EDD get_version)", () => {
      it("answers GET and POST with EDD's field names in EDD's shape", async () => {
        const { key, published } = await productWithReleases([{ version: "2.1.0", changelog: "<h4>2.1.0</h4>" }])
        const query = new URLSearchParams({ edd_action: "get_version", license: key, url: "https://blog.example.com/", version: "2.0.0", slug: "pro-plugin" })
        const got = await api.get(`/licenses/updates/wordpress?${query}`, { validateStatus: () => true })
        expect(got.status).toBe(200)
        expect(got.data).toMatchObject({
          new_version: "2.1.0",
          stable_version: "2.1.0",
          slug: "pro-plugin",
          sections: { changelog: "<h4>2.1.0</h4>" },
          requires: "",
          tested: "",
          requires_php: "",
          last_updated: published[0].published_at,
          license_check: "valid",
        })
        for (const field of ["name", "url", "homepage", "package", "download_link"]) {
          expect(typeof got.data[field]).toBe("string")
        }
        expect(got.data.package).toBe(got.data.download_link)
        const posted = await client.post("/licenses/updates/wordpress", query.toString(), { from: freshIp(), contentType: "application/x-www-form-urlencoded", raw: true })
        expect(posted.data).toMatchObject({ new_version: "2.1.0", slug: "pro-plugin" })
        const bad = await api.get(`/licenses/updates/wordpress?license=${encodeURIComponent(key)}&version=1.0.0&url=not%20a%20domain`, { validateStatus: () => true })
        expect(bad.status).toBe(400)
        const invalid = await api.get(`/licenses/updates/wordpress?license=CP-X&version=1.0.0`, { validateStatus: () => true })
        expect(invalid.data).toMatchObject({ new_version: null, package: "", license_check: "malformed" })
      })
    })

    describe("the docs' Node snippet (docs/software-delivery.md, \"A desktop app\")", () => {
      it("downloads the update, resumes a download cut short with Range, and checks the SHA-256", async () => {
        const { key, bytes } = await productWithReleases([{ version: "1.0.0" }, { version: "1.3.0" }])
        const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/software-delivery.md"), "utf8")
        const start = doc.indexOf("```js", doc.indexOf("## A desktop app (Node)"))
        const snippet = doc.slice(start + 5, doc.indexOf("```", start + 5)).replaceAll("https://shop.example.com", api.defaults.baseURL!.replace(/\/$/, ""))
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desktop-app-"))
        try {
          const script = path.join(dir, "update.mjs")
          fs.writeFileSync(script, snippet)
          // A download cut short: the first 50,000 bytes are on disk already.
          const target = path.join(dir, "plugin-1.3.0.zip")
          fs.writeFileSync(target, bytes[1].subarray(0, 50_000))
          const stdout = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, [script], { env: { ...process.env, LICENSE_KEY: key, DOWNLOAD_DIR: dir } }, (error, out, err) =>
              error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)
            )
          )
          expect(JSON.parse(stdout)).toEqual({ installed: "1.3.0", file: target })
          expect(fs.readFileSync(target).equals(bytes[1])).toBe(true)
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      })
    })

    describe("GET /licenses/downloads/:token", () => {
      it("resumes with Range, refuses expired, forged and altered tokens, yanked releases and revoked keys with typed 4xx, and counts downloads", async () => {
        const { key, license, productId, published, bytes } = await productWithReleases([{ version: "1.0.0" }, { version: "1.1.0" }])
        const res = await check({ license_key: key, domain: "dl.example.com", version: "1.0.0" })
        const url: string = res.data.release.download_url
        const token = url.split("/").pop()!

        const part = await download(url, { Range: "bytes=1000-1999" })
        expect(part.status).toBe(206)
        expect(part.headers.get("content-range")).toBe(`bytes 1000-1999/${bytes[1].length}`)
        expect(part.body.equals(bytes[1].subarray(1000, 2000))).toBe(true)
        const rest = await download(url, { Range: "bytes=2000-" })
        expect(Buffer.concat([bytes[1].subarray(0, 2000), rest.body]).equals(bytes[1])).toBe(true)
        expect((await download(url, { Range: `bytes=${bytes[1].length}-` })).status).toBe(416)

        const releases = releasesModule()
        const base = url.slice(0, url.length - token.length)
        const expired = releases.createDownloadToken({ release_id: published[1].id, license_id: license.id, identity: "domain:dl.example.com" }, Date.now() - 3_600_000)
        const refusals: [string, number, string][] = [
          [expired.token, 410, "download_token_expired"],
          [`${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`, 403, "download_token_invalid"],
          ["not-a-token", 403, "download_token_invalid"],
        ]
        // Another release's id in this token's payload: the MAC no longer matches.
        const [payload, mac] = token.split(".")
        const fields = JSON.parse(Buffer.from(payload, "base64url").toString())
        fields[0] = published[0].id
        refusals.push([`${Buffer.from(JSON.stringify(fields)).toString("base64url")}.${mac}`, 403, "download_token_invalid"])
        for (const [bad, status, code] of refusals) {
          const got = await download(`${base}${bad}`)
          expect({ status: got.status, code: JSON.parse(got.body.toString()).code }).toEqual({ status, code })
        }

        // Counted without a write on the request: after the buffer's flush. Range continuations are not counted again.
        await download(url)
        await releases.flushDownloadCounts()
        const list = await api.get(`/admin/products/${productId}/releases`, auth)
        expect(Object.fromEntries(list.data.releases.map((r: any) => [r.version, r.download_count]))).toEqual({ "1.1.0": 1, "1.0.0": 0 })
        expect(await releases.downloadsOfLicense(license.id)).toEqual({ [published[1].id]: 1 })

        await api.post(`/admin/products/${productId}/releases/${published[1].id}/yank`, {}, auth)
        const yanked = await download(url)
        expect({ status: yanked.status, code: JSON.parse(yanked.body.toString()).code }).toEqual({ status: 410, code: "release_unavailable" })

        const older = await check({ license_key: key, domain: "dl.example.com", version: "0.9.0" })
        expect(older.data.release.version).toBe("1.0.0")
        await licenseService(getContainer()).updateLicenses({ id: license.id, status: "revoked" })
        const revoked = await download(older.data.release.download_url)
        expect({ status: revoked.status, code: JSON.parse(revoked.body.toString()).code }).toEqual({ status: 403, code: "license_inactive" })
      })
    })
  },
})
