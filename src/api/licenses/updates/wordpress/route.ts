import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendVerifyApiResult } from "../../respond"
import { runUpdateCheck } from "../update-check"
import type { WordPressUpdateRequest } from "../validators"
import { wordPressAnswer } from "./present"

export const AUTHENTICATE = false

/** /licenses/updates/wordpress: the update check in the shape of EDD Software Licensing's `get_version`. */
async function answer(req: MedusaRequest<WordPressUpdateRequest>, res: MedusaResponse) {
  const { slug, ...input } = req.validatedBody
  const result = await runUpdateCheck(req, input)
  sendVerifyApiResult(res, result.type === "answer" ? { type: "answer", answer: wordPressAnswer(result, slug) } : result)
}

export const GET = answer
export const POST = answer
