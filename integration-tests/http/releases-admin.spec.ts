import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { artifactBytes, privateReleaseFiles, uploadRelease } from "../helpers/releases"
import fs from "node:fs"
import path from "node:path"

// Release artifacts go to a private folder of this test file (read by medusa-config.ts at boot).
const PRIVATE_DIR = privateReleaseFiles()
process.env.LICENSE_RELEASE_MAX_ARTIFACT_BYTES = String(3 * 1024 * 1024)

jest.setTimeout(180 * 1000)

type Headers = { headers: Record<string, string> }

// The admin's Releases API (docs/software-delivery.md) over real HTTP on a real database:
// multipart upload into the File Module's private folder, publish, yank, typed refusals.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let auth: Headers
    const privateFiles = () => fs.readdirSync(PRIVATE_DIR)

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })

    const newProduct = async () => {
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Releases ${Math.random().toString(36).slice(2, 8)}` }])
      return product.id
    }
    const releasesUrl = (productId: string) => `/admin/products/${productId}/releases`
    const post = (url: string, body: object = {}) => api.post(url, body, { ...auth, validateStatus: () => true })

    it("stores an uploaded artifact privately with its size and SHA-256, as a draft, and lists it with its download count", async () => {
      const productId = await newProduct()
      const file = artifactBytes(1024 * 1024 + 17)
      const before = privateFiles().length
      const res = await uploadRelease(api, auth, productId, { version: "v1.2", changelog: "## 1.2.0\n- Faster", wp_requires: "6.0", wp_tested: "6.5", wp_requires_php: "8.0" }, { bytes: file.bytes, name: "pro-plugin.zip" })
      expect(res.status).toBe(201)
      expect(res.data.release).toMatchObject({
        version: "1.2.0",
        channel: "stable",
        status: "draft",
        published_at: null,
        changelog: "## 1.2.0\n- Faster",
        wp_requires: "6.0",
        wp_tested: "6.5",
        wp_requires_php: "8.0",
        artifact: { name: "pro-plugin.zip", size: file.bytes.length, sha256: file.sha256 },
        download_count: 0,
      })
      // The bytes are in the private folder, exactly.
      const stored = privateFiles().filter((name) => name.endsWith("pro-plugin.zip"))
      expect(privateFiles().length).toBe(before + 1)
      expect(fs.readFileSync(path.join(PRIVATE_DIR, stored[0])).equals(file.bytes)).toBe(true)

      const list = await api.get(releasesUrl(productId), auth)
      expect(list.data.releases).toEqual([res.data.release])
      expect(JSON.stringify(list.data)).not.toContain(stored[0])
    })

    it("cannot fetch the stored file by any path: not under static/, not by its key, not by its name", async () => {
      const productId = await newProduct()
      const file = artifactBytes(4096)
      const res = await uploadRelease(api, auth, productId, { version: "1.0.0" }, { bytes: file.bytes, name: "secret-build.zip" })
      expect(res.status).toBe(201)
      const [key] = privateFiles().filter((name) => name.endsWith("secret-build.zip"))
      expect(key).toBeDefined()
      const staticDir = path.join(process.cwd(), "static")
      const inStatic = fs.existsSync(staticDir) ? fs.readdirSync(staticDir, { recursive: true }).map(String) : []
      expect(inStatic.filter((name) => name.includes("secret-build"))).toEqual([])
      for (const url of [`/static/${key}`, `/static/${encodeURIComponent(key)}`, `/${key}`, "/static/secret-build.zip", `/static/private/${key}`, `/private-files/${key}`, `/.data/private-files/${key}`]) {
        const got = await api.get(url, { validateStatus: () => true, responseType: "arraybuffer" })
        expect({ url, status: got.status }).toEqual({ url, status: 404 })
      }
    })

    it("refuses a duplicate version on one product and channel with 400 release_version_exists, and keeps no orphan file", async () => {
      const productId = await newProduct()
      const file = artifactBytes(2048)
      expect((await uploadRelease(api, auth, productId, { version: "2.0.0" }, { bytes: file.bytes })).status).toBe(201)
      const files = privateFiles().length
      const again = await uploadRelease(api, auth, productId, { version: "v2.0" }, { bytes: file.bytes })
      expect(again.status).toBe(400)
      expect(again.data).toMatchObject({ code: "release_version_exists" })
      expect(again.data.message).toMatch(/2\.0\.0 already exists on the stable channel/)
      expect(privateFiles().length).toBe(files)
      // The same version on another channel is another release.
      const beta = await uploadRelease(api, auth, productId, { version: "2.0.0", channel: "beta" }, { bytes: file.bytes })
      expect(beta.status).toBe(201)
      expect((await api.get(releasesUrl(productId), auth)).data.releases.map((r: any) => `${r.channel} ${r.version}`).sort()).toEqual(["beta 2.0.0", "stable 2.0.0"])
    })

    it("answers bad uploads with a typed 4xx, never a 500, and writes nothing", async () => {
      const productId = await newProduct()
      const file = artifactBytes(1000)
      const files = privateFiles().length
      const cases: [Record<string, string>, { bytes: Buffer } | null, number, string][] = [
        [{ version: "latest" }, file, 400, "release_invalid_version"],
        [{ version: "1.0.0", channel: "nightly" }, file, 400, "release_invalid_channel"],
        [{ version: "1.0.0" }, null, 400, "release_artifact_missing"],
        [{ version: "1.0.0", wp_tested: "<script>" }, file, 400, "invalid_request"],
        [{ version: "1.0.0", unknown: "x" }, file, 400, "invalid_request"],
        [{ version: "1.0.0", changelog: "a\u0000b" }, file, 400, "invalid_request"],
        [{ version: "1.0.0" }, artifactBytes(3 * 1024 * 1024 + 1), 413, "release_artifact_too_large"],
      ]
      for (const [fields, upload, status, code] of cases) {
        const res = await uploadRelease(api, auth, productId, fields, upload)
        expect({ fields, status: res.status, code: res.data.code ?? res.data.type }).toEqual({ fields, status, code })
      }
      const notMultipart = await post(releasesUrl(productId), { version: "1.0.0" })
      expect(notMultipart.status).toBe(400)
      expect(notMultipart.data.code).toBe("invalid_request")
      const unknownProduct = await uploadRelease(api, auth, "prod_missing", { version: "1.0.0" }, file)
      expect(unknownProduct.status).toBe(404)
      expect(privateFiles().length).toBe(files)
      expect((await api.get(releasesUrl(productId), auth)).data.releases).toEqual([])
    })

    it("publishes a draft, yanks a published release, refuses other moves with 400 release_invalid_transition and unknown ids with 404", async () => {
      const productId = await newProduct()
      const { data } = await uploadRelease(api, auth, productId, { version: "3.1.0" }, artifactBytes(512))
      const id = data.release.id
      const url = `${releasesUrl(productId)}/${id}`
      expect((await post(`${url}/yank`)).data.code).toBe("release_invalid_transition")
      const published = await post(`${url}/publish`)
      expect(published.status).toBe(200)
      expect(published.data.release.status).toBe("published")
      expect(new Date(published.data.release.published_at).getTime()).toBeGreaterThan(0)
      const twice = await post(`${url}/publish`)
      expect({ status: twice.status, code: twice.data.code }).toEqual({ status: 400, code: "release_invalid_transition" })
      const yanked = await post(`${url}/yank`)
      expect(yanked.data.release).toMatchObject({ status: "yanked", published_at: published.data.release.published_at })
      expect((await post(`${url}/publish`)).data.code).toBe("release_invalid_transition")
      const missing = await post(`${releasesUrl(productId)}/lrel_missing/publish`)
      expect({ status: missing.status, code: missing.data.code }).toEqual({ status: 404, code: "release_not_found" })
      const otherProduct = await newProduct()
      expect((await post(`${releasesUrl(otherProduct)}/${id}/yank`)).status).toBe(404)

      const edited = await post(url, { changelog: "Pulled: corrupt build", wp_tested: "6.6" })
      expect(edited.data.release).toMatchObject({ changelog: "Pulled: corrupt build", wp_tested: "6.6", status: "yanked" })
      expect((await api.get(releasesUrl(productId), auth)).data.releases[0]).toMatchObject({ changelog: "Pulled: corrupt build", wp_tested: "6.6" })
      const badEdit = await post(url, { version: "9.9.9" })
      expect(badEdit.status).toBe(400)
    })
  },
})
