import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  DISCORD_ID_MESSAGE,
  DISCORD_ID_METADATA_KEY,
  INVALID_DISCORD_ID,
  parseDiscordIdInput,
} from "../../modules/license/rules/discord-id"

/** The typed code of a manual issue that names no customer identity (400). */
export const CUSTOMER_IDENTITY_REQUIRED = "customer_identity_required"

function refuse(res: MedusaResponse, code: string, message: string) {
  res.setHeader("Cache-Control", "no-store")
  res.status(400).json({ code, type: "invalid_data", message })
}

type Body = Record<string, unknown> & { metadata?: unknown }

/**
 * Checks (and trims) the Discord id of a request body before its validator runs:
 * `customer_discord_id` on the admin's license routes, `metadata.discord_id` on
 * Medusa's customer routes (the storefront's profile, the admin's customer edit).
 * A wrong one is a 400 `invalid_discord_id`; null or "" clears it.
 */
function discordIdGuard(read: (body: Body) => { holder: Record<string, unknown>; field: string } | null) {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const found = locate(req.body, read)
    if (found && found.field in found.holder) {
      const parsed = parseDiscordIdInput(found.holder[found.field])
      if (parsed !== null && typeof parsed === "object") {
        return refuse(res, INVALID_DISCORD_ID, DISCORD_ID_MESSAGE)
      }
      // metadata: "" deletes the key in Medusa; a license column: null. Medusa's own
      // validator may have run first (its middlewares and ours share a route): fix both copies.
      const value = parsed ?? (found.field === DISCORD_ID_METADATA_KEY ? "" : null)
      for (const copy of [found, locate((req as { validatedBody?: unknown }).validatedBody, read)]) {
        if (copy) {
          copy.holder[copy.field] = value
        }
      }
    }
    next()
  }
}

const locate = (body: unknown, read: (body: Body) => { holder: Record<string, unknown>; field: string } | null) =>
  body && typeof body === "object" ? read(body as Body) : null

/** `customer_discord_id` of POST /admin/licenses and POST /admin/licenses/:id. */
export const checkLicenseDiscordId = discordIdGuard((body) => ({ holder: body, field: "customer_discord_id" }))

/** `metadata.discord_id` of POST /store/customers(/me), POST /admin/customers and POST /admin/customers/:id. */
export const checkCustomerDiscordId = discordIdGuard((body) =>
  body.metadata && typeof body.metadata === "object" && !Array.isArray(body.metadata)
    ? { holder: body.metadata as Record<string, unknown>, field: DISCORD_ID_METADATA_KEY }
    : null
)

/** POST /admin/licenses: a customer, an e-mail or a Discord id, at least one (400 `customer_identity_required`). */
export function requireCustomerIdentity(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.body ?? {}) as Body
  const given = (field: string) => typeof body[field] === "string" && (body[field] as string).trim() !== ""
  if (!given("customer_id") && !given("customer_email") && !given("customer_discord_id")) {
    return refuse(res, CUSTOMER_IDENTITY_REQUIRED, "Give the license a customer identity: a customer, an e-mail or a Discord ID (or both)")
  }
  next()
}
