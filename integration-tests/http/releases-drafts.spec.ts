import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fs from "node:fs"
import { artifactBytes, privateReleaseFiles, uploadRelease } from "../helpers/releases"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"

const PRIVATE_DIR = privateReleaseFiles()

jest.setTimeout(180 * 1000)

type Headers = { headers: Record<string, string> }

// Drafts (docs/software-delivery.md "Admin API"): a draft's version and channel can be edited
// (checked and unique as at upload) and a draft deleted with its stored file, each a workflow;
// a published or yanked release keeps its version, channel and file.
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
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Drafts ${Math.random().toString(36).slice(2, 8)}` }])
      return product.id
    }
    const releasesUrl = (productId: string) => `/admin/products/${productId}/releases`
    const post = (url: string, body: object = {}) => api.post(url, body, { ...auth, validateStatus: () => true })
    const del = (url: string) => api.delete(url, { ...auth, validateStatus: () => true })
    const upload = async (productId: string, version: string, channel = "stable") => {
      const res = await uploadRelease(api, auth, productId, { version, channel }, { bytes: artifactBytes(4096).bytes })
      expect(res.status).toBe(201)
      return res.data.release as Record<string, any>
    }
    const listed = async (productId: string) =>
      (await api.get(releasesUrl(productId), auth)).data.releases.map((r: any) => `${r.channel} ${r.version} ${r.status}`).sort()

    it("edits a draft's version and channel; refuses a taken, malformed or non-draft change with a typed 400 and changes nothing", async () => {
      const productId = await newProduct()
      const first = await upload(productId, "1.0.0")
      const second = await upload(productId, "1.1.0")

      const renamed = await post(`${releasesUrl(productId)}/${first.id}`, { version: "v1.2", channel: "beta", changelog: "Beta build" })
      expect(renamed.status).toBe(200)
      expect(renamed.data.release).toMatchObject({ id: first.id, version: "1.2.0", channel: "beta", status: "draft", changelog: "Beta build" })

      for (const [body, code] of [
        [{ version: "1.2.0", channel: "beta" }, "release_version_exists"],
        [{ version: "not-a-version" }, "release_invalid_version"],
        [{ channel: "gamma" }, "release_invalid_channel"],
      ] as const) {
        const refused = await post(`${releasesUrl(productId)}/${second.id}`, { ...body, changelog: "should not land" })
        expect({ status: refused.status, code: refused.data.code }).toEqual({ status: 400, code })
      }
      expect(await listed(productId)).toEqual(["beta 1.2.0 draft", "stable 1.1.0 draft"])
      const { data } = await api.get(releasesUrl(productId), auth)
      expect(data.releases.find((r: any) => r.id === second.id).changelog).toBeNull()

      // Published: the version and channel are fixed; the changelog may still change.
      expect((await post(`${releasesUrl(productId)}/${second.id}/publish`)).status).toBe(200)
      const fixed = await post(`${releasesUrl(productId)}/${second.id}`, { version: "1.1.1" })
      expect({ status: fixed.status, code: fixed.data.code }).toEqual({ status: 400, code: "release_not_a_draft" })
      const noted = await post(`${releasesUrl(productId)}/${second.id}`, { changelog: "Notes" })
      expect(noted.data.release).toMatchObject({ version: "1.1.0", changelog: "Notes" })
      expect((await post(`${releasesUrl(productId)}/rel_missing`, { version: "9.9.9" })).status).toBe(404)
    })

    it("deletes a draft with its stored file (the version is free again); a published release is refused and keeps its file", async () => {
      const productId = await newProduct()
      const before = privateFiles().length
      const draft = await upload(productId, "2.0.0")
      const published = await upload(productId, "1.0.0")
      expect((await post(`${releasesUrl(productId)}/${published.id}/publish`)).status).toBe(200)
      expect(privateFiles().length).toBe(before + 2)

      const deleted = await del(`${releasesUrl(productId)}/${draft.id}`)
      expect(deleted.status).toBe(200)
      expect(deleted.data).toEqual({ id: draft.id, object: "release", deleted: true })
      expect(privateFiles().length).toBe(before + 1)
      expect(await listed(productId)).toEqual(["stable 1.0.0 published"])
      expect((await del(`${releasesUrl(productId)}/${draft.id}`)).status).toBe(404)

      const refused = await del(`${releasesUrl(productId)}/${published.id}`)
      expect({ status: refused.status, code: refused.data.code }).toEqual({ status: 400, code: "release_not_a_draft" })
      expect(privateFiles().length).toBe(before + 1)

      // Another product's release id is not found on this product.
      const other = await newProduct()
      expect((await del(`${releasesUrl(other)}/${published.id}`)).status).toBe(404)

      await upload(productId, "2.0.0")
      expect(await listed(productId)).toEqual(["stable 1.0.0 published", "stable 2.0.0 draft"])
    })
  },
})
