import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rotateLicenseWebhookSecretWorkflow } from "../../../../../workflows/rotate-license-webhook-secret"

/** Replaces the signing secret at once; the new one is in this answer only. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await rotateLicenseWebhookSecretWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.setHeader("Cache-Control", "no-store")
  res.json({ webhook: result.endpoint, secret: result.secret })
}
