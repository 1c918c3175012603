import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { changeReleaseStatusWorkflow } from "../../../../../../../workflows/change-release-status"
import { presentAdminRelease } from "../../present"

/** POST .../publish: a draft becomes published (offered to keys from now on). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await changeReleaseStatusWorkflow(req.scope).run({
    input: { product_id: req.params.id, release_id: req.params.release_id, action: "publish" },
  })
  res.json({ release: presentAdminRelease(result) })
}
