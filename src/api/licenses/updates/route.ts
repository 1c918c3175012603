import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendVerifyApiResult } from "../respond"
import { runUpdateCheck } from "./update-check"
import type { UpdateCheckRequest } from "./validators"

export const AUTHENTICATE = false

/** POST /licenses/updates: the signed verify answer plus the newest release the key may install, or up_to_date. */
export async function POST(req: MedusaRequest<UpdateCheckRequest>, res: MedusaResponse) {
  const result = await runUpdateCheck(req, req.validatedBody)
  sendVerifyApiResult(res, result.type === "answer" ? { type: "answer", answer: result.answer } : result)
}
