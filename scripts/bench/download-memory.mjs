// The optional bench scenario "download" (BENCH_SCENARIOS=download, docs/software-delivery.md
// "Memory"): uploads a 200 MB artifact through the admin API, publishes it, gets a download link
// from the update check, downloads it, and prints the server's resident memory (VmRSS from
// /proc/<pid>/status, sampled every 100 ms) before, at the peak of and after the upload and the
// download. Streaming keeps it flat: the peak should not grow with the file's size.
import { createHash, randomBytes } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { rssMb, run } from "../lib/processes.mjs"

const SIZE = Number(process.env.BENCH_DOWNLOAD_MB || 200) * 1024 * 1024

/** Runs `work` while sampling the server's RSS every 100 ms; returns its result and the figures. */
async function sampled(pid, work) {
  const before = rssMb(pid)
  let peak = before ?? 0
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0)
  }, 100)
  try {
    const result = await work()
    await new Promise((r) => setTimeout(r, 1000))
    return { result, before, peak, after: rssMb(pid) }
  } finally {
    clearInterval(timer)
  }
}

/** A file of SIZE pseudo-random bytes (written in 1 MB chunks) and its SHA-256. */
function writeArtifact(file) {
  const hash = createHash("sha256")
  const fd = fs.openSync(file, "w")
  const chunk = randomBytes(1024 * 1024)
  for (let written = 0; written < SIZE; written += chunk.length) {
    chunk[0] = written & 0xff // every megabyte differs a little
    hash.update(chunk)
    fs.writeSync(fd, chunk)
  }
  fs.closeSync(fd)
  return hash.digest("hex")
}

async function json(res) {
  const text = await res.text()
  try {
    return JSON.parse(text)
  } catch {
    return { text }
  }
}

/**
 * `server`: { url, pid }; `app`: { medusa, env, serverDir, workDir }; `db`: a connected pg client;
 * `license`: { id, key, domain } of a seeded license, moved to the scenario's product.
 */
export async function runDownloadScenario({ server, app, db, license }) {
  const email = "bench-admin@example.com"
  const password = randomBytes(12).toString("hex")
  await run(app.medusa, ["user", "-e", email, "-p", password], { env: app.env, cwd: app.serverDir })
  const login = await json(await fetch(`${server.url}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) }))
  const auth = { authorization: `Bearer ${login.token}` }
  const created = await json(
    await fetch(`${server.url}/admin/products`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "Bench Installer", options: [{ title: "Edition", values: ["Standard"] }] }),
    })
  )
  const productId = created.product?.id
  if (!productId) {
    throw new Error(`download scenario: could not create the product: ${JSON.stringify(created)}`)
  }
  await db.query(`UPDATE license SET product_id = $1 WHERE id = $2`, [productId, license.id])

  const file = path.join(app.workDir, "artifact-200mb.bin")
  const sha256 = writeArtifact(file)

  const upload = await sampled(server.pid, async () => {
    const form = new FormData()
    form.append("version", "9.0.0")
    form.append("artifact", await fs.openAsBlob(file), "installer.bin")
    const res = await fetch(`${server.url}/admin/products/${productId}/releases`, { method: "POST", headers: auth, body: form })
    return { status: res.status, data: await json(res) }
  })
  fs.rmSync(file, { force: true })
  if (upload.result.status !== 201) {
    throw new Error(`download scenario: upload answered ${upload.result.status}: ${JSON.stringify(upload.result.data)}`)
  }
  const releaseId = upload.result.data.release.id
  await fetch(`${server.url}/admin/products/${productId}/releases/${releaseId}/publish`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" })
  const check = await json(
    await fetch(`${server.url}/licenses/updates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ license_key: license.key, domain: license.domain, version: "1.0.0" }),
    })
  )
  if (check.update !== "update_available") {
    throw new Error(`download scenario: the update check answered ${JSON.stringify(check)}`)
  }

  const download = await sampled(server.pid, async () => {
    const res = await fetch(check.release.download_url)
    const hash = createHash("sha256")
    let bytes = 0
    for await (const chunk of res.body) {
      hash.update(chunk)
      bytes += chunk.length
    }
    return { status: res.status, bytes, sha256: hash.digest("hex") }
  })
  const ok = download.result.status === 200 && download.result.bytes === SIZE && download.result.sha256 === sha256
  const mb = (value) => (value === null ? "n/a" : `${value.toFixed(0)} MB`)
  console.log(`\nDownload memory (${SIZE / 1024 / 1024} MB artifact, server RSS from /proc every 100 ms)`)
  console.log(`  upload:   before ${mb(upload.before)}, peak ${mb(upload.peak)}, after ${mb(upload.after)}`)
  console.log(`  download: before ${mb(download.before)}, peak ${mb(download.peak)}, after ${mb(download.after)}`)
  console.log(`  download: ${download.result.status}, ${download.result.bytes} bytes, SHA-256 ${ok ? "matches" : "DOES NOT MATCH"}`)
  if (!ok) {
    throw new Error("download scenario: the downloaded file differs from the upload")
  }
}
