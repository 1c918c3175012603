import {
  errorHandler,
  type MedusaErrorHandlerFunction,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { maskLicenseKeysInUrl } from "./mask-keys"
import { isPluginPath } from "./plugin-routes"
import { sendInvalidInput } from "./respond"

/** PostgreSQL's class 22, "data exception": a value it refuses (dates out of range, NUL in text, bad jsonb...). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/
/** The same refusals by message, for errors that lost their SQLSTATE on the way (workflow steps serialise errors). */
const DATA_EXCEPTION_MESSAGES = [
  /invalid byte sequence for encoding/i,
  /unsupported Unicode escape sequence/i,
  /(date\/time|timestamp|date) (field value )?out of range/i,
  /time zone displacement out of range/i,
  /invalid input syntax for type/i,
  /value too long for type/i,
  /out of range for type/i,
  /invalid (input value|value) for enum/i,
]

/** The SQLSTATE of a PostgreSQL data exception in `error` or its causes, or null. */
export function postgresDataException(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown; previous?: unknown }
    for (const code of [candidate.code, candidate.sqlState]) {
      if (typeof code === "string" && DATA_EXCEPTION.test(code)) {
        return code
      }
    }
    if (typeof candidate.message === "string" && DATA_EXCEPTION_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) {
      return "22000"
    }
    current = candidate.previous ?? candidate.cause
  }
  return null
}

const medusaErrorHandler = errorHandler()

/**
 * Medusa's error handler, except that on the plugin's routes a value
 * PostgreSQL refuses (class 22: a date out of its range, invalid text...) is
 * the client's fault: 400 `invalid_request`, not 500. Validators refuse such
 * values first (NUL bytes, dates outside 1970..9999); this is the net under
 * them. Other routes of the store keep Medusa's behaviour.
 */
export const licenseErrorHandler: MedusaErrorHandlerFunction = (
  error: unknown,
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  if (!isPluginPath(req.path)) {
    return medusaErrorHandler(error, req, res, next)
  }
  // A body-parser error is raised before the input guard ran: mask the URL of the request log here too.
  req.originalUrl = maskLicenseKeysInUrl(req.originalUrl)
  const sqlState = postgresDataException(error)
  if (!sqlState) {
    // Medusa's handler logs `req.path` (a body-parser error on GET /licenses/:key would print the key): give it the masked path.
    const masked = Object.create(req, { path: { value: maskLicenseKeysInUrl(req.path) } }) as MedusaRequest
    return medusaErrorHandler(error, masked, res, next)
  }
  const logger = req.scope?.resolve(ContainerRegistrationKeys.LOGGER)
  logger?.info(`License keys: PostgreSQL refused a value (SQLSTATE ${sqlState}) on ${req.method} ${req.path.split("/").slice(0, 3).join("/")}…: answered 400`)
  sendInvalidInput(res, "A value in the request is out of range or not valid text (dates must be between 1970 and 9999)")
}
