import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateReleaseWorkflow } from "../../../../../../workflows/update-release"
import { presentAdminRelease } from "../present"
import type { AdminUpdateRelease } from "../validators"

/** Edits the release's changelog and WordPress metadata. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateRelease>, res: MedusaResponse) {
  const { result } = await updateReleaseWorkflow(req.scope).run({
    input: { product_id: req.params.id, release_id: req.params.release_id, details: req.validatedBody },
  })
  res.json({ release: presentAdminRelease(result) })
}
