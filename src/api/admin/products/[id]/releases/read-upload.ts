import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IFileModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import busboy from "busboy"
import { createHash } from "node:crypto"
import { Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { findNul } from "../../../../input-guard/nul"
import { INVALID_REQUEST, nulMessage } from "../../../../input-guard/respond"
import { RELEASE_MODULE } from "../../../../../modules/release"
import { ReleaseErrorCode } from "../../../../../modules/release/rules/release-codes"
import type ReleaseModuleService from "../../../../../modules/release/service"
import { AdminCreateRelease } from "./validators"

/** The artifact a new release carries, once stored. */
export type UploadedArtifact = { file_id: string; name: string; size: number; sha256: string }

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

const FIELD_LIMITS = { fields: 20, fieldSize: 256 * 1024, files: 1, parts: 30 }
/** A file name as stored: its last path segment, printable, at most 200 characters. */
const safeName = (name: string) => name.split(/[\\/]/).pop()!.replace(/[^\w.\- +()]/g, "_").slice(-200) || "artifact"

/**
 * POST /admin/products/:id/releases: reads the multipart body as it arrives (busboy). The file
 * part `artifact` is streamed to the File Module as a private file while its SHA-256 and size are
 * counted; past the size limit the upload stops with 413 and the partial file is deleted. The
 * text fields are validated with zod. Nothing is kept in memory but one chunk at a time.
 */
export async function readReleaseUpload(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const releases = req.scope.resolve<ReleaseModuleService>(RELEASE_MODULE)
  const files = req.scope.resolve<IFileModuleService>(Modules.FILE)
  const maxBytes = releases.getOptions().maxArtifactBytes
  let stored: UploadedArtifact | null = null
  try {
    const { fields, artifact } = await readMultipart(req, files, maxBytes, (file) => (stored = file))
    // Bad input as on every plugin route (docs/admin.md, "Bad input"): 400 invalid_request.
    const nul = findNul(fields)
    if (nul) {
      throw new UploadRefused(400, INVALID_REQUEST, nulMessage(nul))
    }
    const parsed = AdminCreateRelease.safeParse(fields)
    if (!parsed.success) {
      throw new UploadRefused(400, INVALID_REQUEST, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "))
    }
    if (!artifact) {
      throw new UploadRefused(400, ReleaseErrorCode.ARTIFACT_MISSING, "The upload has no file part named `artifact`")
    }
    ;(req as MedusaRequest & { validatedBody: unknown }).validatedBody = { ...parsed.data, artifact }
    next()
  } catch (error) {
    const file = stored as UploadedArtifact | null
    if (file) {
      await files.deleteFiles(file.file_id).catch(() => undefined)
    }
    if (error instanceof UploadRefused) {
      req.resume()
      res.setHeader("Cache-Control", "no-store")
      res.status(error.status).json({ code: error.code, type: error.status === 413 ? "not_allowed" : "invalid_data", message: error.message })
      return
    }
    next(error)
  }
}

function readMultipart(
  req: MedusaRequest,
  files: IFileModuleService,
  maxBytes: number,
  onStored: (file: UploadedArtifact) => void
): Promise<{ fields: Record<string, string>; artifact: UploadedArtifact | null }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: req.headers, limits: { ...FIELD_LIMITS, fileSize: maxBytes } })
    } catch {
      // Not multipart: refused like any bad input of the plugin's routes, unread.
      reject(new UploadRefused(400, INVALID_REQUEST, "Send the release as multipart/form-data (the file part `artifact` and the text fields)"))
      return
    }
    const fields: Record<string, string> = {}
    let upload: Promise<UploadedArtifact | null> = Promise.resolve(null)
    let failed: unknown = null
    const fail = (error: unknown) => {
      failed ??= error
    }
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(new UploadRefused(400, INVALID_REQUEST, `${name}: too long`))
      }
      fields[name] = value
    })
    parser.on("file", (name, stream, info) => {
      if (name !== "artifact") {
        stream.resume()
        return
      }
      if (findNul(info.filename ?? "")) {
        fail(new UploadRefused(400, INVALID_REQUEST, nulMessage("The file name")))
        stream.resume()
        return
      }
      upload = storeArtifact(files, stream, safeName(info.filename ?? "artifact"), info.mimeType, maxBytes, onStored).catch((error) => {
        fail(error)
        stream.resume()
        return null
      })
    })
    for (const limit of ["partsLimit", "filesLimit", "fieldsLimit"] as const) {
      parser.on(limit, () => fail(new UploadRefused(400, ReleaseErrorCode.UPLOAD_INVALID, "Too many parts in the upload")))
    }
    parser.on("error", () => reject(new UploadRefused(400, ReleaseErrorCode.UPLOAD_INVALID, "The multipart body could not be read")))
    parser.on("close", () => {
      upload.then(
        (artifact) => (failed ? reject(failed) : resolve({ fields, artifact })),
        (error) => reject(failed ?? error)
      )
    })
    req.pipe(parser)
  })
}

async function storeArtifact(
  files: IFileModuleService,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  name: string,
  mimeType: string,
  maxBytes: number,
  onStored: (file: UploadedArtifact) => void
): Promise<UploadedArtifact> {
  const hash = createHash("sha256")
  let size = 0
  const { writeStream, promise, fileKey } = await files.getUploadStream({ filename: name, mimeType, access: "private" })
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      hash.update(chunk)
      done(null, chunk)
    },
  })
  let tooLarge = false
  stream.on("limit", () => (tooLarge = true))
  try {
    await pipeline(stream, counted, writeStream)
    await promise
  } finally {
    // Registered even when the pipeline failed half-way: the partial file is deleted by the caller.
    onStored({ file_id: fileKey, name, size, sha256: "" })
  }
  if (tooLarge || stream.truncated) {
    throw new UploadRefused(413, ReleaseErrorCode.ARTIFACT_TOO_LARGE, `The artifact is larger than ${maxBytes} bytes (option releaseMaxArtifactBytes)`)
  }
  if (size === 0) {
    throw new UploadRefused(400, ReleaseErrorCode.ARTIFACT_MISSING, "The artifact file is empty")
  }
  const artifact = { file_id: fileKey, name, size, sha256: hash.digest("hex") }
  onStored(artifact)
  return artifact
}
