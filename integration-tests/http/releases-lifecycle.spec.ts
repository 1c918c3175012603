import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "node:crypto"
import { customerAccount, storeClient } from "../helpers/customer-licenses"
import { issueLicense } from "../helpers/licenses"
import { artifactBytes, publishedRelease, privateReleaseFiles } from "../helpers/releases"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

privateReleaseFiles()

jest.setTimeout(240 * 1000)

// The lifecycle fed into delivery (docs/software-delivery.md "Expiry, grace and maintain_access"):
// the update check, the customer's releases and the downloads follow the key's release cut-off
// (rules/expiry.ts#releaseCutoff): a key in grace gets updates, an expired maintain_access key keeps
// the releases published before its expiry, a revoked one gets nothing.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let store: DemoStore
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(6)

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = verifyClient(api)
    })
    afterAll(() => {
      client?.close()
    })

    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

    /** A product with releases 1.0.0 (published 30 days ago), 1.1.0 (10 days ago) and 1.2.0 (1 day ago). */
    const productWithDatedReleases = async () => {
      const auth = await adminHeaders(api, store)
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Dated ${Math.random().toString(36).slice(2, 8)}` }])
      const files: Record<string, Buffer> = {}
      const ids: Record<string, string> = {}
      for (const [version, age] of [["1.0.0", 30], ["1.1.0", 10], ["1.2.0", 1]] as const) {
        const file = artifactBytes(50_000 + age)
        const release = await publishedRelease(api, auth, product.id, { version }, file.bytes)
        await dbConnection.raw(`UPDATE license_release SET published_at = ? WHERE id = ?`, [daysAgo(age), release.id])
        files[version] = file.bytes
        ids[version] = release.id
      }
      return { product, files, ids }
    }
    /** A key of the product whose expiry lies `expiredDaysAgo` days back, with a strategy and grace days (SQL: the trigger sets grace_ends_at). */
    const expiredKey = async (productId: string, customerId: string, expiredDaysAgo: number, strategy: string, graceDays: number) => {
      const { license, key } = await issueLicense(getContainer(), { product_id: productId, customer_id: customerId, product_title: "Dated" })
      await dbConnection.raw(`UPDATE license SET expires_at = ?, expiry_strategy = ?, grace_days = ? WHERE id = ?`, [
        daysAgo(expiredDaysAgo),
        strategy,
        graceDays,
        license.id,
      ])
      return { license, key }
    }
    const check = (key: string, version = "0.9.0") => client.post("/licenses/updates", { license_key: key, domain: "shop.example.com", version }, { from: freshIp() })
    const download = async (url: string) => {
      const res = await fetch(url)
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }
    }

    it("an expired maintain_access key is offered the last release before its expiry, none after, and can download it", async () => {
      const { product, files } = await productWithDatedReleases()
      const alice = await customerAccount(api, store, "maintain@example.com")
      const { license, key } = await expiredKey(product.id, alice.id, 5, "maintain_access", 0)

      const res = await check(key)
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ valid: true, code: "valid", license: { status: "expired", expiry_strategy: "maintain_access" } })
      expect(res.data).toMatchObject({ update: "update_available", release: { version: "1.1.0", sha256: sha256(files["1.1.0"]) } })
      const got = await download(res.data.release.download_url)
      expect(got.status).toBe(200)
      expect(sha256(got.body)).toBe(sha256(files["1.1.0"]))

      // Installed 1.1.0 (the cut-off's release): up to date, 1.2.0 (published after the expiry) is never offered.
      const current = await check(key, "1.1.0")
      expect(current.data).toMatchObject({ valid: true, update: "up_to_date" })
      expect(current.data.release?.version ?? null).not.toBe("1.2.0")

      const listed = await storeClient(api, store).get(alice, `/store/customers/me/licenses/${license.id}/releases`)
      expect(listed.status).toBe(200)
      expect(listed.data.status).toBe("expired")
      expect(listed.data.releases.map((r: any) => r.version)).toEqual(["1.1.0", "1.0.0"])
      expect((await download(listed.data.releases[1].download_url)).status).toBe(200)

      // Revoked is refused, token in hand.
      await dbConnection.raw(`UPDATE license SET status = 'revoked' WHERE id = ?`, [license.id])
      const refused = await download(listed.data.releases[0].download_url)
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.body.toString()).code).toBe("license_inactive")
    })

    it("a key in grace is offered the newest release published before its expiry and may download it", async () => {
      const { product, files } = await productWithDatedReleases()
      const bob = await customerAccount(api, store, "grace@example.com")
      // Expired half a day ago (after 1.2.0 was published), 7 days of grace.
      const { license, key } = await expiredKey(product.id, bob.id, 0.5, "revoke_access", 7)

      const res = await check(key)
      expect(res.data).toMatchObject({ valid: true, license: { status: "grace" }, update: "update_available", release: { version: "1.2.0" } })
      expect(sha256((await download(res.data.release.download_url)).body)).toBe(sha256(files["1.2.0"]))

      const listed = await storeClient(api, store).get(bob, `/store/customers/me/licenses/${license.id}/releases`)
      expect(listed.data.status).toBe("grace")
      expect(listed.data.releases.map((r: any) => r.version)).toEqual(["1.2.0", "1.1.0", "1.0.0"])
    })

    it("an expired revoke_access key lists none and its old download link is refused; a yanked release is refused to a maintain_access key", async () => {
      const { product, ids } = await productWithDatedReleases()
      const carol = await customerAccount(api, store, "lapsed@example.com")
      const { license, key } = await expiredKey(product.id, carol.id, 5, "maintain_access", 0)
      const listed = await storeClient(api, store).get(carol, `/store/customers/me/licenses/${license.id}/releases`)
      expect(listed.data.releases.map((r: any) => r.version)).toEqual(["1.1.0", "1.0.0"])

      const auth = await adminHeaders(api, store)
      const yank = await api.post(`/admin/products/${product.id}/releases/${ids["1.1.0"]}/yank`, {}, auth)
      expect(yank.status).toBe(200)
      const yanked = await download(listed.data.releases[0].download_url)
      expect({ status: yanked.status, code: JSON.parse(yanked.body.toString()).code }).toEqual({ status: 410, code: "release_unavailable" })
      expect((await check(key)).data).toMatchObject({ release: { version: "1.0.0" } })

      await dbConnection.raw(`UPDATE license SET expiry_strategy = 'revoke_access' WHERE id = ?`, [license.id])
      const lapsed = await storeClient(api, store).get(carol, `/store/customers/me/licenses/${license.id}/releases`)
      expect(lapsed.data).toEqual({ license_id: license.id, status: "expired", releases: [], locked: [] })
      const refused = await download(listed.data.releases[1].download_url)
      expect({ status: refused.status, code: JSON.parse(refused.body.toString()).code }).toEqual({ status: 403, code: "license_inactive" })
    })
  },
})
