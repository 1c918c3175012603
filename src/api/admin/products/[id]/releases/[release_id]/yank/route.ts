import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeReleaseStatusWorkflow } from "../../../../../../../workflows/change-release-status"
import { presentAdminRelease } from "../../present"

/** POST .../yank: a published release is yanked: never offered or downloadable again. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await changeReleaseStatusWorkflow(req.scope).run({
    input: { product_id: req.params.id, release_id: req.params.release_id, action: "yank" },
  })
  res.json({ release: presentAdminRelease(result) })
}
