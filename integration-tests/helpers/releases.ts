import type { AxiosInstance } from "axios"
import { createHash, randomBytes } from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

export type ReleaseFields = Record<string, string>

/** A file of `size` random bytes with its SHA-256. */
export function artifactBytes(size: number) {
  const bytes = randomBytes(size)
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") }
}

/** POST /admin/products/:id/releases as multipart/form-data (fetch's FormData), the file last. */
export async function uploadRelease(
  api: AxiosInstance,
  auth: { headers: Record<string, string> },
  productId: string,
  fields: ReleaseFields,
  file: { bytes: Buffer; name?: string } | null
) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value)
  }
  if (file) {
    form.append("artifact", new Blob([new Uint8Array(file.bytes)]), file.name ?? "plugin.zip")
  }
  const res = await fetch(`${api.defaults.baseURL}/admin/products/${productId}/releases`, {
    method: "POST",
    headers: auth.headers,
    body: form,
  })
  return { status: res.status, data: (await res.json()) as Record<string, any> }
}

/** Uploads and publishes a release; returns it as the admin API shows it. */
export async function publishedRelease(
  api: AxiosInstance,
  auth: { headers: Record<string, string> },
  productId: string,
  fields: ReleaseFields,
  bytes: Buffer
) {
  const created = await uploadRelease(api, auth, productId, fields, { bytes, name: `plugin-${fields.version}.zip` })
  if (created.status !== 201) {
    throw new Error(`upload failed: ${created.status} ${JSON.stringify(created.data)}`)
  }
  const { data } = await api.post(`/admin/products/${productId}/releases/${created.data.release.id}/publish`, {}, auth)
  return data.release as Record<string, any>
}

/**
 * A private folder of its own for one spec's release artifacts: LICENSE_PRIVATE_FILES_DIR is read
 * by medusa-config.ts when the runner boots the app, so call this at the top of the spec file.
 * Removed after the file's tests.
 */
export function privateReleaseFiles(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "release-files-"))
  process.env.LICENSE_PRIVATE_FILES_DIR = dir
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}
