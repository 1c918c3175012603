import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { serveDownload } from "../serve-download"

export const AUTHENTICATE = false

/** GET /licenses/downloads/:token: the release's artifact, streamed (Range supported), for a valid token. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await serveDownload(req, res, req.params.token)
}
