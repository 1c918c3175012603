import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { ApplyStripeEventInput, ApplyStripeEventResult } from "../../modules/license/revocation/apply-stripe-event"

/**
 * Applies a Stripe event to the keys of its order once: the event id, the
 * dispute outcome and the status change commit in one transaction (a retry of
 * the step after a failure finds nothing half-written). No compensation: what
 * it commits is a revocation (permanent by design) or a suspension/reinstatement
 * with its history, and no later step of the workflow writes anything to undo
 * it for.
 */
export const applyStripeLicenseEventStep = createStep(
  { name: "apply-stripe-license-event", maxRetries: 2 },
  async (input: ApplyStripeEventInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: ApplyStripeEventResult = await licenseModule.applyStripeEvent(input)
    return new StepResponse(result)
  }
)
