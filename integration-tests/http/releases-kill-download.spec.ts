import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "node:crypto"
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import type ReleaseModuleService from "../../src/modules/release/service"
import { issueLicense } from "../helpers/licenses"
import { startSecondServer } from "../helpers/medusa-server"
import { artifactBytes, privateReleaseFiles, publishedRelease } from "../helpers/releases"
import { adminHeaders, seedStore } from "../helpers/store"
import { verifyClient } from "../helpers/verify-client"

const privateDir = privateReleaseFiles()

jest.setTimeout(300 * 1000)

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * GET a URL, pause after the first `pauseAfter` bytes, run `whilePaused` (the kill), then read
 * whatever still arrives until the connection ends or breaks. Returns the bytes received.
 */
function downloadUntilBroken(url: string, pauseAfter: number, whilePaused: () => Promise<void>) {
  return new Promise<{ status: number; body: Buffer; complete: boolean }>((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    let paused = false
    const request = http.get(url, (res) => {
      let complete = false
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk)
        received += chunk.length
        if (!paused && received >= pauseAfter) {
          paused = true
          res.pause()
          whilePaused().then(() => res.resume(), reject)
        }
      })
      res.on("end", () => {
        complete = true
      })
      res.on("close", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), complete }))
      res.on("error", () => undefined)
    })
    request.on("error", (error) => (paused ? undefined : reject(error)))
  })
}

// kill -9 of a server mid-download (docs/software-delivery.md "Downloads"): a download writes
// nothing but its in-memory count, so the killed process leaves no partial state, and the client
// resumes with Range against another server (same database, same token secret, same file store).
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig, dbConnection }) => {
    it("a download cut by SIGKILL resumes with Range on the other server: whole file, its SHA-256, nothing half-written, the cut request counted at most once", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: "Big Installer" }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id, product_title: "Big Installer" })
      // Larger than the loopback socket buffers, so the kill lands while the server is still sending.
      const artifact = artifactBytes(20 * 1024 * 1024)
      const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex")
      const release = await publishedRelease(api, auth, product.id, { version: "1.0.0" }, artifact.bytes)
      const storedBefore = filesUnder(privateDir)
      expect(storedBefore).toHaveLength(1)

      const second = await startSecondServer(dbConfig.clientUrl)
      const client = verifyClient(api)
      try {
        const check = await client.post("/licenses/updates", { license_key: key, domain: "installer.example", version: "0.1.0" })
        expect(check.data).toMatchObject({ valid: true, update: "update_available", release: { version: "1.0.0", sha256: artifact.sha256 } })
        const link = new URL(check.data.release.download_url)
        const onSecond = `http://127.0.0.1:${second.port}${link.pathname}`
        const onFirst = `${api.defaults.baseURL}${link.pathname}`

        const cut = await downloadUntilBroken(onSecond, 256 * 1024, () => second.kill())
        expect(cut.status).toBe(200)
        expect(cut.complete).toBe(false)
        expect(cut.body.length).toBeGreaterThanOrEqual(256 * 1024)
        expect(cut.body.length).toBeLessThan(artifact.bytes.length)
        expect(cut.body.equals(artifact.bytes.subarray(0, cut.body.length))).toBe(true)

        // Counts: the cut request was noted in the killed process's memory: counted once if its
        // flush ran before the kill, else lost (documented). Read now, it cannot change any more.
        const releases = getContainer().resolve<ReleaseModuleService>("release")
        const counted = async () => {
          const { rows } = await dbConnection.raw(`SELECT count FROM license_release_download WHERE license_id = ? AND release_id = ? AND deleted_at IS NULL`, [
            license.id,
            release.id,
          ])
          return rows.reduce((sum: number, row: { count: number }) => sum + Number(row.count), 0)
        }
        const afterCut = await counted()
        expect([0, 1]).toContain(afterCut)

        const rest = await fetch(onFirst, { headers: { Range: `bytes=${cut.body.length}-` } })
        expect(rest.status).toBe(206)
        expect(rest.headers.get("content-range")).toBe(`bytes ${cut.body.length}-${artifact.bytes.length - 1}/${artifact.bytes.length}`)
        const whole = Buffer.concat([cut.body, Buffer.from(await rest.arrayBuffer())])
        expect(whole.length).toBe(artifact.bytes.length)
        expect(sha256(whole)).toBe(artifact.sha256)

        // The resume (a Range from the middle) is not another download.
        await releases.flushDownloadCounts()
        expect(await counted()).toBe(afterCut)

        // Nothing half-written: the store holds the one artifact, unchanged; the release row is as published.
        const storedAfter = filesUnder(privateDir)
        expect(storedAfter).toEqual(storedBefore)
        expect(sha256(fs.readFileSync(storedAfter[0]))).toBe(artifact.sha256)
        const { rows: releaseRows } = await dbConnection.raw(`SELECT status, artifact_size, artifact_sha256 FROM license_release WHERE id = ?`, [release.id])
        expect(releaseRows).toEqual([{ status: "published", artifact_size: artifact.bytes.length, artifact_sha256: artifact.sha256 }])

        // A whole download from the first byte counts once.
        const full = await fetch(onFirst)
        expect(sha256(Buffer.from(await full.arrayBuffer()))).toBe(artifact.sha256)
        await releases.flushDownloadCounts()
        expect(await counted()).toBe(afterCut + 1)
      } finally {
        client.close()
        await second.stop()
      }
    })
  },
})
