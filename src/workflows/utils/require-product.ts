import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

/** Inside a workflow: a 404 (Medusa's not_found) for an unknown product, before any change is made. */
export function requireProduct(productId: string) {
  return useQueryGraphStep({
    entity: "product",
    fields: ["id"],
    filters: { id: productId },
    options: { throwIfKeyNotFound: true },
  }).config({ name: "require-product" })
}
