import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RELEASE_MODULE } from "../../../../../modules/release"
import type ReleaseModuleService from "../../../../../modules/release/service"
import { createReleaseWorkflow } from "../../../../../workflows/create-release"
import { requireProduct } from "../../../../utils/require-product"
import { presentAdminRelease } from "./present"
import type { UploadedArtifact } from "./read-upload"
import type { AdminCreateRelease } from "./validators"

/** The product's releases, newest created first, with their download counts. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await requireProduct(req)
  const releases: ReleaseModuleService = req.scope.resolve(RELEASE_MODULE)
  res.json({ releases: (await releases.listProductReleases(req.params.id)).map(presentAdminRelease) })
}

/** Uploads a new draft release (multipart: the file `artifact` and the text fields; read-upload.ts). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateRelease & { artifact: UploadedArtifact }>, res: MedusaResponse) {
  const { artifact, ...fields } = req.validatedBody
  const { result } = await createReleaseWorkflow(req.scope).run({ input: { ...fields, product_id: req.params.id, artifact } })
  const releases: ReleaseModuleService = req.scope.resolve(RELEASE_MODULE)
  res.status(201).json({ release: presentAdminRelease((await releases.retrieveReleaseRow(result.id))!) })
}
