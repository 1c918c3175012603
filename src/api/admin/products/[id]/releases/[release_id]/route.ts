import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteReleaseWorkflow } from "../../../../../../workflows/delete-release"
import { updateReleaseWorkflow } from "../../../../../../workflows/update-release"
import { presentAdminRelease } from "../present"
import type { AdminUpdateRelease } from "../validators"

/** Edits the release's changelog, WordPress metadata and required entitlement, and a draft's version and channel. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateRelease>, res: MedusaResponse) {
  const { result } = await updateReleaseWorkflow(req.scope).run({
    input: { product_id: req.params.id, release_id: req.params.release_id, details: req.validatedBody },
  })
  res.json({ release: presentAdminRelease(result) })
}

/** Deletes a draft and its stored file; a published or yanked release answers 400 release_not_a_draft. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await deleteReleaseWorkflow(req.scope).run({
    input: { product_id: req.params.id, release_id: req.params.release_id },
  })
  res.json({ id: result.id, object: "release", deleted: true })
}
