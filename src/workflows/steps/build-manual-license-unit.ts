import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type { IssueLicenseInput } from "../../modules/license/service"
import type LicenseModuleService from "../../modules/license/service"
import type { IssueLicenseManuallyInput } from "../issue-license-manually"

export type BuildManualLicenseUnitInput = {
  input: IssueLicenseManuallyInput
  customer: { id: string; email?: string | null }
  variant: { id: string; title?: string | null; product?: { id: string; title?: string | null } | null }
}

/** Fills what the admin left out from the variant's policy (cap, term and expiry rules). */
export const buildManualLicenseUnitStep = createStep(
  "build-manual-license-unit",
  async ({ input, customer, variant }: BuildManualLicenseUnitInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const [policy] = await licenseModule.listLicensePolicies({ variant_id: variant.id })
    const unit: IssueLicenseInput = {
      customer_id: customer.id,
      customer_email: customer.email ?? null,
      product_id: variant.product?.id ?? null,
      variant_id: variant.id,
      product_title: variant.product?.title ?? null,
      variant_title: variant.title ?? null,
      max_activations: input.max_activations ?? policy?.max_activations ?? 1,
      expires_at: input.expires_at,
      term_days: policy?.term_days ?? null,
      notes: input.notes ?? null,
      // The policy's expiry rules; an explicit expires_at from the admin wins over the basis (rules/expiry.ts).
      expiry_strategy: policy?.expiry_strategy,
      grace_days: policy?.grace_days,
      expiry_basis: policy?.expiry_basis,
      // Local and staging sites free (rules/local-sites.ts): the policy's, off without one.
      local_sites_free: policy?.local_sites_free ?? false,
    }
    return new StepResponse(unit)
  }
)
