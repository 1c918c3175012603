import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { createHash, createPublicKey } from "node:crypto"
import fs from "node:fs"
import { customerAccount, storeClient } from "../helpers/customer-licenses"
import { issueLicense } from "../helpers/licenses"
import { artifactBytes, publishedRelease, privateReleaseFiles, uploadRelease } from "../helpers/releases"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

const filesDir = privateReleaseFiles()

jest.setTimeout(240 * 1000)

// Releases that require an entitlement (docs/software-delivery.md "Releases that require an
// entitlement"): a key without the code is offered the newest release it may install and told
// about the locked one; the admin adds the code and the same check offers it; removing it locks it
// again, also for a download link made before the removal (checked when the file is served).
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(31)

    beforeAll(async () => {
      store = await seedStore(getContainer())
      client = verifyClient(api)
    })
    afterAll(() => client?.close())

    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")
    const download = async (url: string) => {
      const res = await fetch(url)
      const body = Buffer.from(await res.arrayBuffer())
      return { status: res.status, body, code: res.status === 200 ? null : (JSON.parse(body.toString()) as { code: string }).code }
    }
    const newProduct = async () => (await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: `Pro ${Math.random().toString(36).slice(2, 8)}` }]))[0]

    it("the admin sets and edits a release's required entitlement; a malformed code is a typed 400 that stores nothing", async () => {
      const auth = await adminHeaders(api, store)
      const product = await newProduct()
      const url = `/admin/products/${product.id}/releases`
      const filesBefore = fs.readdirSync(filesDir, { recursive: true }).length
      for (const bad of ["Pro Export", "pro--export", "x", "-pro", "a".repeat(65)]) {
        const res = await uploadRelease(api, auth, product.id, { version: "1.0.0", required_entitlement: bad }, { bytes: artifactBytes(100).bytes })
        expect([bad, res.status, res.data.code]).toEqual([bad, 400, "invalid_entitlement"])
        expect(res.data.message).toMatch(/^invalid_entitlement: /)
      }
      expect((await api.get(url, auth)).data.releases).toEqual([])
      expect(fs.readdirSync(filesDir, { recursive: true }).length).toBe(filesBefore)

      const created = await uploadRelease(api, auth, product.id, { version: "1.0.0", required_entitlement: "pro-export" }, { bytes: artifactBytes(100).bytes })
      expect(created.status).toBe(201)
      expect(created.data.release.required_entitlement).toBe("pro-export")
      const releaseUrl = `${url}/${created.data.release.id}`
      const bad = await api.post(releaseUrl, { required_entitlement: "Not A Code" }, { ...auth, validateStatus: () => true })
      expect({ status: bad.status, code: bad.data.code }).toEqual({ status: 400, code: "invalid_entitlement" })
      const edited = await api.post(releaseUrl, { required_entitlement: "sso" }, auth)
      expect(edited.data.release.required_entitlement).toBe("sso")
      const cleared = await api.post(releaseUrl, { required_entitlement: null }, auth)
      expect(cleared.data.release.required_entitlement).toBeNull()
      // An empty field (the dashboard's form) clears it too; other edits leave it alone.
      await api.post(releaseUrl, { required_entitlement: "sso" }, auth)
      expect((await api.post(releaseUrl, { changelog: "Notes" }, auth)).data.release.required_entitlement).toBe("sso")
      expect((await api.post(releaseUrl, { required_entitlement: "" }, auth)).data.release.required_entitlement).toBeNull()

      // The license's own entitlement route refuses a malformed code as well.
      const { license } = await issueLicense(getContainer(), { product_id: product.id })
      const refused = await api.post(`/admin/licenses/${license.id}/entitlements`, { add: ["Pro Export"] }, { ...auth, validateStatus: () => true })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/^invalid_entitlement: /)
    })

    it("a key without the code gets the newest allowed release and the locked hint; adding the code unlocks it, removing it locks it again, also for a link made before", async () => {
      const auth = await adminHeaders(api, store)
      const product = await newProduct()
      const alice = await customerAccount(api, store, "alice-entitled@example.com")
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, customer_id: alice.id, product_title: "Pro" })
      const v1 = artifactBytes(10_000)
      const v11 = artifactBytes(11_000)
      const v2 = artifactBytes(20_000)
      await publishedRelease(api, auth, product.id, { version: "1.0.0" }, v1.bytes)
      await publishedRelease(api, auth, product.id, { version: "1.1.0" }, v11.bytes)
      // 2.0.0 is published free, then the admin edits it to require pro-export.
      const two = await publishedRelease(api, auth, product.id, { version: "2.0.0", changelog: "Pro" }, v2.bytes)
      const check = (version = "1.0.0") => client.post("/licenses/updates", { license_key: key, domain: "app.example.com", version }, { from: freshIp() })
      const free = await check()
      expect(free.data.release.version).toBe("2.0.0")
      const freeLink = free.data.release.download_url as string
      expect((await api.post(`/admin/products/${product.id}/releases/${two.id}`, { required_entitlement: "pro-export" }, auth)).status).toBe(200)

      // Without the code: 1.1.0 is offered, 2.0.0 named as locked (signed too), never with a link.
      const locked = await check()
      expect(locked.data).toMatchObject({
        valid: true,
        update: "update_available",
        release: { version: "1.1.0", sha256: v11.sha256 },
        locked: { version: "2.0.0", channel: "stable", required_entitlement: "pro-export" },
      })
      expect(JSON.stringify(locked.data.locked)).not.toMatch(/download/)
      const publicKey = createPublicKey((await client.get("/licenses/public-key")).data.pem)
      const signed = jwt.verify(locked.data.signature, publicKey, { algorithms: ["ES256"] }) as Record<string, any>
      expect(signed.locked).toEqual(locked.data.locked)
      // Up to date on 1.1.0, still told about 2.0.0.
      expect((await check("1.1.0")).data).toMatchObject({ update: "up_to_date", release: { version: "1.1.0" }, locked: { version: "2.0.0" } })
      // The link made while 2.0.0 was free is refused now.
      expect(await download(freeLink)).toMatchObject({ status: 403, code: "release_entitlement_required" })

      // WordPress: the newest allowed version as new_version, the locked one beside it.
      const wp = await client.post(
        "/licenses/updates/wordpress",
        { license: key, url: "https://app.example.com", version: "1.0.0", slug: "pro" },
        { from: freshIp() }
      )
      expect(wp.data).toMatchObject({ new_version: "1.1.0", locked: { version: "2.0.0", required_entitlement: "pro-export" } })

      // The customer's list: 2.0.0 locked with its reason, no link.
      const customer = storeClient(api, store)
      const listUrl = `/store/customers/me/licenses/${license.id}/releases`
      const list = await customer.get(alice, listUrl)
      expect(list.data.releases.map((r: any) => r.version)).toEqual(["1.1.0", "1.0.0"])
      expect(list.data.locked).toEqual([
        { version: "2.0.0", channel: "stable", published_at: expect.any(String), required_entitlement: "pro-export" },
      ])

      // The admin adds the code: the same check offers 2.0.0, and its download works.
      const added = await api.post(`/admin/licenses/${license.id}/entitlements`, { add: ["pro-export"] }, auth)
      expect(added.data.license.entitlements).toEqual(["pro-export"])
      const unlocked = await check()
      expect(unlocked.data).toMatchObject({ update: "update_available", release: { version: "2.0.0", sha256: v2.sha256 }, locked: null })
      const got = await download(unlocked.data.release.download_url)
      expect({ status: got.status, sha256: sha256(got.body) }).toEqual({ status: 200, sha256: v2.sha256 })
      const listed = await customer.get(alice, listUrl)
      expect([listed.data.releases.map((r: any) => r.version), listed.data.locked]).toEqual([["2.0.0", "1.1.0", "1.0.0"], []])
      const customerLink = listed.data.releases[0].download_url as string

      // Removed again: locked in the check and the list, and the links made before the removal are refused.
      const minted = (await check()).data.release.download_url as string
      await api.post(`/admin/licenses/${license.id}/entitlements`, { remove: ["pro-export"] }, auth)
      expect((await check()).data).toMatchObject({ release: { version: "1.1.0" }, locked: { version: "2.0.0", required_entitlement: "pro-export" } })
      expect(await download(minted)).toMatchObject({ status: 403, code: "release_entitlement_required" })
      expect(await download(customerLink)).toMatchObject({ status: 403, code: "release_entitlement_required" })
      expect((await customer.get(alice, listUrl)).data.locked.map((r: any) => r.version)).toEqual(["2.0.0"])
      // The free releases' links still work.
      expect((await download(listed.data.releases[1].download_url)).status).toBe(200)

      // The admin makes 2.0.0 free again: offered and served to the key without the code.
      await api.post(`/admin/products/${product.id}/releases/${two.id}`, { required_entitlement: null }, auth)
      expect((await check()).data).toMatchObject({ release: { version: "2.0.0" }, locked: null })
      expect((await download(minted)).status).toBe(200)
    })
  },
})
