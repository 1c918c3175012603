import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { adminRevokeLicensesWorkflow } from "../../../../workflows/update-license-status"
import type { AdminBulkRevokeLicenses } from "../../validators"

/** Revokes the chosen licenses; `skipped` lists those already revoked or unknown. */
export async function POST(req: AuthenticatedMedusaRequest<AdminBulkRevokeLicenses>, res: MedusaResponse) {
  const { result } = await adminRevokeLicensesWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  res.json(result)
}
