import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { LicensePolicyInput } from "../modules/license/service"
import { setProductLicensePoliciesStep } from "./steps/set-product-license-policies"

export type SetProductLicensePoliciesInput = { product_id: string; policies: LicensePolicyInput[] }

/** Saves the license policy of some of a product's variants. Keys already issued keep their terms. */
export const setProductLicensePoliciesWorkflow = createWorkflow(
  "set-product-license-policies",
  (input: SetProductLicensePoliciesInput) => {
    const { data: products } = useQueryGraphStep({
      entity: "product",
      fields: ["id", "variants.id"],
      filters: { id: input.product_id },
      options: { throwIfKeyNotFound: true },
    })
    const variantIds = transform({ products }, ({ products }) =>
      (products[0]?.variants ?? []).map((v: { id: string }) => v.id)
    )
    const policies = setProductLicensePoliciesStep({
      product_id: input.product_id,
      product_variant_ids: variantIds,
      policies: input.policies,
    })
    return new WorkflowResponse(policies)
  }
)
