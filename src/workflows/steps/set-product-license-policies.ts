import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { LicensePolicyInput } from "../../modules/license/service"
import type LicenseModuleService from "../../modules/license/service"
import { renewalPolicyFields } from "../../modules/license/rules/renewal-policy-fields"
import { upgradePaths } from "../../modules/license/rules/upgrade-terms"

export type SetProductLicensePoliciesStepInput = {
  product_id: string
  product_variant_ids: string[]
  policies: LicensePolicyInput[]
}

export const setProductLicensePoliciesStep = createStep(
  "set-product-license-policies",
  async ({ product_id, product_variant_ids, policies }: SetProductLicensePoliciesStepInput, { container }) => {
    const known = new Set(product_variant_ids)
    const foreign = policies.filter((p) => !known.has(p.variant_id)).map((p) => p.variant_id)
    if (foreign.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Variants ${foreign.join(", ")} do not belong to product ${product_id}`
      )
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const previous = await licenseModule.listLicensePolicies({ product_id }, { take: null })
    const saved = await licenseModule.setProductPolicies(product_id, policies)
    return new StepResponse(saved, { product_id, previous })
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.setProductPolicies(
      compensation.product_id,
      compensation.previous.map(({ variant_id, licensed, max_activations, term_days, deactivations_per_30_days, ...rest }) => ({
        variant_id,
        licensed,
        max_activations,
        term_days,
        deactivations_per_30_days,
        expiry_strategy: rest.expiry_strategy,
        grace_days: rest.grace_days,
        expiry_basis: rest.expiry_basis,
        local_sites_free: rest.local_sites_free,
        entitlements: rest.entitlements ?? [],
        license_file_ttl_hours: rest.license_file_ttl_hours,
        heartbeat_interval_seconds: rest.heartbeat_interval_seconds,
        trial: rest.trial,
        ...renewalPolicyFields(rest),
        upgrade_paths: upgradePaths(rest),
      }))
    )
  }
)
