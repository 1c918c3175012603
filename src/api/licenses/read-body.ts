import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendInvalidRequest } from "./respond"

/** A verify request is a few hundred bytes; anything much larger is refused. */
export const MAX_BODY_BYTES = 4096
/** Up to this much is read and discarded so the client can read the 400; beyond, the connection is closed. */
const DRAIN_LIMIT_BYTES = 1024 * 1024

class RequestBodyError extends Error {}

/**
 * Reads a Verify API body (JSON, or form-encoded for PHP clients) with a small
 * size limit. Medusa's own body parsers are off for these routes
 * (`bodyParser: false`), so that a body that is too large, not JSON or not
 * UTF-8 is answered 400 `invalid_request` instead of Medusa's generic error.
 */
export function readLicenseRequestBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const declared = Number(req.headers["content-length"] ?? 0)
  if (declared > DRAIN_LIMIT_BYTES) {
    // Not worth reading: answer now; Node closes the connection once the answer is out.
    res.setHeader("Connection", "close")
    sendInvalidRequest(res, `The request body is larger than ${MAX_BODY_BYTES} bytes`)
    return
  }

  const chunks: Buffer[] = []
  let size = 0
  let done = false
  const finish = (error: string | null) => {
    if (done) {
      return
    }
    done = true
    if (error) {
      sendInvalidRequest(res, error)
      return
    }
    try {
      req.body = parseBody(req.headers["content-type"], Buffer.concat(chunks))
    } catch (err) {
      sendInvalidRequest(res, err instanceof RequestBodyError ? err.message : "The request body could not be read")
      return
    }
    next()
  }

  req.on("data", (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) {
      chunks.push(chunk)
    } else if (size > DRAIN_LIMIT_BYTES && !done) {
      res.setHeader("Connection", "close")
      finish(`The request body is larger than ${MAX_BODY_BYTES} bytes`)
      req.pause()
    }
  })
  req.on("end", () => finish(size > MAX_BODY_BYTES ? `The request body is larger than ${MAX_BODY_BYTES} bytes` : null))
  req.on("error", () => {
    done = true
  })
}

const utf8 = new TextDecoder("utf-8", { fatal: true })

function parseBody(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) {
    return {}
  }
  let text: string
  try {
    text = utf8.decode(raw)
  } catch {
    throw new RequestBodyError("The request body is not valid UTF-8")
  }
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase()
  const looksLikeJson = text.trimStart().startsWith("{")
  if (type === "application/json" || type.endsWith("+json") || ((type === "" || type === "text/plain") && looksLikeJson)) {
    return parseJsonObject(text)
  }
  if (type === "application/x-www-form-urlencoded" || type === "" || type === "text/plain") {
    return parseForm(text)
  }
  throw new RequestBodyError("Unsupported content type: send application/json or application/x-www-form-urlencoded")
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new RequestBodyError("The request body is not valid JSON")
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestBodyError("The request body must be a JSON object")
  }
  return value as Record<string, unknown>
}

/** Form fields; a repeated field becomes an array (and then fails validation). */
function parseForm(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null)
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = result[name]
    result[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return { ...result }
}
