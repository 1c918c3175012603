import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { RELEASE_MODULE } from "../../../modules/release"
import { parseByteRange } from "../../../modules/release/rules/byte-range"
import { entitlementCovers, releaseEntitlement } from "../../../modules/release/rules/entitlement"
import { holdsRequiredEntitlement } from "../../../modules/release/rules/installable"
import { DownloadErrorCode } from "../../../modules/release/rules/release-codes"
import type ReleaseModuleService from "../../../modules/release/service"

const refuse = (res: MedusaResponse, status: number, code: DownloadErrorCode, message: string, headers: Record<string, string> = {}) => {
  res.status(status).set({ "Cache-Control": "no-store", ...headers }).json({ code, message })
}

/**
 * Streams a release's artifact for a download token (docs/software-delivery.md, "Downloads"):
 * the token's MAC and expiry, then the release (published, not yanked) and the license as they
 * are now (active, in grace, or expired with maintain_access for a release published before its
 * expiry: rules/entitlement.ts) and holding the release's required entitlement now. The File Module's stream is piped through, so memory stays flat for any size;
 * a Range request skips to its first byte and stops after its last (206). The download is
 * counted in memory (written every few seconds), never on this request.
 */
export async function serveDownload(req: MedusaRequest, res: MedusaResponse, token: string) {
  const releases = req.scope.resolve<ReleaseModuleService>(RELEASE_MODULE)
  const check = releases.checkDownloadToken(token)
  if (check.type === "invalid") {
    return refuse(res, 403, DownloadErrorCode.TOKEN_INVALID, "This download link is not valid")
  }
  if (check.type === "expired") {
    return refuse(res, 410, DownloadErrorCode.TOKEN_EXPIRED, "This download link has expired: check for updates again for a new one")
  }
  const { grant } = check
  const release = await releases.retrieveReleaseRow(grant.release_id)
  if (!release || release.status !== "published") {
    return refuse(res, 410, DownloadErrorCode.RELEASE_UNAVAILABLE, "This release is no longer available")
  }
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const [license] = await licenses.listLicenses(
    { id: grant.license_id },
    { select: ["id", "status", "expires_at", "grace_ends_at", "expiry_strategy", "product_id", "entitlements"] }
  )
  // Active, in grace, or expired with maintain_access and the release published before the expiry.
  const entitlement = license ? releaseEntitlement(license, new Date()) : { entitled: false as const }
  if (!license || license.product_id !== release.product_id || !entitlement.entitled || !entitlementCovers(entitlement, release.published_at)) {
    return refuse(res, 403, DownloadErrorCode.LICENSE_INACTIVE, "The license of this download link is not active")
  }
  // The license's entitlements as they are now: a code removed after the link was made refuses it.
  if (!holdsRequiredEntitlement(release, license.entitlements as string[] | null)) {
    return refuse(res, 403, DownloadErrorCode.ENTITLEMENT_REQUIRED, `This release requires the entitlement ${release.required_entitlement}, which the license does not include`)
  }

  const size = Number(release.artifact_size)
  const range = parseByteRange(req.headers.range, size)
  if (range.type === "unsatisfiable") {
    return refuse(res, 416, DownloadErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is outside the file", { "Content-Range": `bytes */${size}` })
  }
  const [start, end] = range.type === "partial" ? [range.start, range.end] : [0, size - 1]
  const files = req.scope.resolve<IFileModuleService>(Modules.FILE)
  const source = await files.getDownloadStream(release.artifact_file_id)
  res.status(range.type === "partial" ? 206 : 200)
  res.set({
    "Content-Type": "application/octet-stream",
    "Content-Disposition": `attachment; filename="${release.artifact_name.replace(/"/g, "")}"`,
    "Content-Length": String(end - start + 1),
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
    ETag: `"${release.artifact_sha256}"`,
    "X-Checksum-Sha256": release.artifact_sha256,
    ...(range.type === "partial" ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
  })
  if (start === 0) {
    releases.noteDownload(release.id, grant.license_id)
  }
  try {
    await pipeline(source, byteWindow(start, end), res)
  } catch {
    // The client went away mid-download (or the store's stream failed): nothing was written, it can resume with Range.
    res.destroy()
  }
}

/** Passes bytes [start, end] of a stream through, dropping the rest. */
function byteWindow(start: number, end: number): Transform {
  let offset = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(start - offset, 0)
      const to = Math.min(end - offset + 1, chunk.length)
      offset += chunk.length
      done(null, from < to ? chunk.subarray(from, to) : undefined)
    },
  })
}
