import type { MedusaResponse } from "@medusajs/framework/http"

/**
 * The typed code of every refused input on the plugin's routes, the one the
 * Verify API has always used. Admin and store answers also carry Medusa's
 * `type: "invalid_data"`, like the 400s of Medusa's own validators.
 */
export const INVALID_REQUEST = "invalid_request"

export function sendInvalidInput(res: MedusaResponse, message: string) {
  res.setHeader("Cache-Control", "no-store")
  res.status(400).json({ code: INVALID_REQUEST, type: "invalid_data", message })
}

export const nulMessage = (where: string) =>
  `${where.length > 200 ? `${where.slice(0, 200)}…` : where} contains a NUL byte (U+0000), which is not allowed`
