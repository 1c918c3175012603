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

/** Fills what the admin left out from the variant's policy (cap and term). */
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
    }
    return new StepResponse(unit)
  }
)
