import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { setProductLicensePoliciesWorkflow } from "../../../../../workflows/set-product-license-policies"
import type { AdminSetLicensePolicies } from "../../../validators"
import { renewalPolicyFields } from "../../../../../modules/license/rules/renewal-policy-fields"
import { upgradePaths } from "../../../../../modules/license/rules/upgrade-terms"

/** The policy of every variant of the product; variants without one are not licensed. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { data: products } = await query.graph(
    { entity: "product", fields: ["id", "variants.id", "variants.title"], filters: { id: req.params.id } },
    { throwIfKeyNotFound: true }
  )
  const policies = await licenseModule.listLicensePolicies({ product_id: req.params.id }, { take: null })
  const byVariant = new Map(policies.map((p) => [p.variant_id, p]))
  res.json({
    license_policies: ((products[0].variants ?? []) as { id: string; title: string }[]).map((variant) => {
      const policy = byVariant.get(variant.id)
      return {
        variant_id: variant.id,
        variant_title: variant.title,
        licensed: policy?.licensed ?? false,
        max_activations: policy?.max_activations ?? 1,
        term_days: policy?.term_days ?? null,
        // null = 3 x max_activations, 0 = unlimited (docs/admin.md "Deactivation budget")
        deactivations_per_30_days: policy?.deactivations_per_30_days ?? null,
        // Expiry rules (docs/renewals-and-upgrades.md "Expiry, grace and trials")
        expiry_strategy: policy?.expiry_strategy ?? "revoke_access",
        grace_days: policy?.grace_days ?? 0,
        expiry_basis: policy?.expiry_basis ?? "from_issuance",
        trial: policy?.trial ?? false,
        // Local and staging sites free (docs/verify-api.md): on for a policy not saved yet, as a new one is created
        local_sites_free: policy?.local_sites_free ?? true,
        entitlements: policy?.entitlements ?? [],
        license_file_ttl_hours: policy?.license_file_ttl_hours ?? 720,
        // Heartbeats and floating seats (docs/verify-api.md): null = off
        heartbeat_interval_seconds: policy?.heartbeat_interval_seconds ?? null,
        // Renewals (docs/renewals-and-upgrades.md)
        ...renewalPolicyFields(policy),
        // Upgrades (docs/renewals-and-upgrades.md "Upgrades"): [] = none
        upgrade_paths: upgradePaths(policy),
      }
    }),
  })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminSetLicensePolicies>, res: MedusaResponse) {
  const { result } = await setProductLicensePoliciesWorkflow(req.scope).run({
    input: { product_id: req.params.id, policies: req.validatedBody.policies },
  })
  res.json({ license_policies: result })
}
