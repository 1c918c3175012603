import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LicenseActorType, LicenseEvents } from "../modules/license/types"
import { issueLicensesStep } from "./steps/issue-licenses"
import { buildManualLicenseUnitStep, type IssueLicenseManuallyInput } from "./steps/build-manual-license-unit"

export type { IssueLicenseManuallyInput }

/**
 * An admin issues a key without an order: to a Medusa customer, or to an e-mail
 * and/or a Discord id alone (no customer is created; docs/migrating-from-keyport.md).
 */
export const issueLicenseManuallyWorkflow = createWorkflow(
  "issue-license-manually",
  (input: IssueLicenseManuallyInput) => {
    const { data: variants } = useQueryGraphStep({
      entity: "product_variant",
      fields: ["id", "title", "product.id", "product.title"],
      filters: { id: input.variant_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "load-variant" })

    const unit = buildManualLicenseUnitStep({ input, variant: variants[0] })
    const actor = transform({ input }, ({ input }) => ({ type: LicenseActorType.ADMIN, id: input.actor_id }))
    const issued = issueLicensesStep({ units: [unit], actor })
    const license = transform({ issued }, ({ issued }) => issued.created[0])
    emitEventStep({ eventName: LicenseEvents.ISSUED, data: { id: license.id } })
    return new WorkflowResponse(license)
  }
)
