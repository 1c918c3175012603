import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "node:crypto"
import { customerAccount, storeClient } from "../helpers/customer-licenses"
import { issueLicense, licenseService } from "../helpers/licenses"
import { artifactBytes, publishedRelease, uploadRelease, privateReleaseFiles } from "../helpers/releases"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"

privateReleaseFiles()

jest.setTimeout(180 * 1000)

// Account -> Licenses: the releases a customer's key may install, with download links
// (GET /store/customers/me/licenses/:id/releases, docs/software-delivery.md).
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("lists the published stable releases newest first with working download links; none for another customer or a revoked key", async () => {
      const auth = await adminHeaders(api, store)
      const client = storeClient(api, store)
      const alice = await customerAccount(api, store, "alice-releases@example.com")
      const bob = await customerAccount(api, store, "bob-releases@example.com")
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: "Desktop App" }])
      const { license } = await issueLicense(getContainer(), { product_id: product.id, customer_id: alice.id, product_title: "Desktop App" })
      const v1 = artifactBytes(10_000)
      const v2 = artifactBytes(20_000)
      await publishedRelease(api, auth, product.id, { version: "1.0.0" }, v1.bytes)
      await publishedRelease(api, auth, product.id, { version: "1.1.0", changelog: "Better" }, v2.bytes)
      await publishedRelease(api, auth, product.id, { version: "2.0.0-beta.1", channel: "beta" }, artifactBytes(100).bytes)
      await uploadRelease(api, auth, product.id, { version: "3.0.0" }, { bytes: artifactBytes(100).bytes })

      const url = `/store/customers/me/licenses/${license.id}/releases`
      const res = await client.get(alice, url)
      expect(res.status).toBe(200)
      expect(res.data.releases.map((r: any) => r.version)).toEqual(["1.1.0", "1.0.0"])
      expect(res.data.releases[0]).toMatchObject({ changelog: "Better", size: 20_000, sha256: v2.sha256 })
      const got = await fetch(res.data.releases[0].download_url)
      expect(got.status).toBe(200)
      expect(createHash("sha256").update(Buffer.from(await got.arrayBuffer())).digest("hex")).toBe(v2.sha256)

      const theirs = await client.get(bob, url)
      expect({ status: theirs.status, code: theirs.data.code }).toEqual({ status: 404, code: "license_not_found" })
      expect((await client.get(null, url)).status).toBe(401)

      await licenseService(getContainer()).updateLicenses({ id: license.id, status: "revoked" })
      const revoked = await client.get(alice, url)
      expect(revoked.data).toEqual({ license_id: license.id, status: "revoked", releases: [], locked: [] })
      expect((await fetch(res.data.releases[1].download_url)).status).toBe(403)
    })
  },
})
