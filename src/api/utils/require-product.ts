import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Answers 404 (Medusa's not_found) when the route's product does not exist. */
export async function requireProduct(req: MedusaRequest): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await query.graph({ entity: "product", fields: ["id"], filters: { id: req.params.id } }, { throwIfKeyNotFound: true })
}
