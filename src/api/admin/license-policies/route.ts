import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import type { AdminListLicensePoliciesQuery } from "../validators"

type VariantTitles = { id: string; title: string | null; product: { id: string; title: string } | null }

/**
 * The variant policies of every product, with product and variant titles
 * (`?licensed=true`: only licensed variants, what a key can be issued for).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListLicensePoliciesQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { licensed } = req.validatedQuery as AdminListLicensePoliciesQuery
  const policies = await licenseModule.listLicensePolicies(licensed === undefined ? {} : { licensed }, {
    take: null,
  })
  const { data: variants } = policies.length
    ? await query.graph({
        entity: "product_variant",
        fields: ["id", "title", "product.id", "product.title"],
        filters: { id: policies.map((p) => p.variant_id) },
      })
    : { data: [] }
  const byId = new Map((variants as VariantTitles[]).map((v) => [v.id, v]))
  res.json({
    license_policies: policies
      // A policy whose variant was deleted cannot be sold or issued.
      .filter((p) => byId.has(p.variant_id))
      .map((p) => {
        const variant = byId.get(p.variant_id)!
        return {
          variant_id: p.variant_id,
          variant_title: variant.title,
          product_id: p.product_id,
          product_title: variant.product?.title ?? null,
          licensed: p.licensed,
          max_activations: p.max_activations,
          term_days: p.term_days,
        }
      })
      .sort((a, b) => `${a.product_title} ${a.variant_title}`.localeCompare(`${b.product_title} ${b.variant_title}`)),
  })
}
