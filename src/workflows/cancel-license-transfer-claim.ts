import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"
import { ClaimEvents } from "../modules/license/rules/claim-codes"

export type CancelLicenseTransferClaimInput = { request_id: string; actor_id: string }

/** Cancels the open claim of a request (the link stops working); restored if a later step fails. */
export const cancelLicenseTransferClaimStep = createStep(
  "cancel-license-transfer-claim",
  async ({ request_id, actor_id }: CancelLicenseTransferClaimInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const canceled = await licenseModule.cancelTransferClaim(request_id, actor_id)
    return new StepResponse(canceled, { request_id, claim_id: canceled.claim_id })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    await licenseModule.restoreTransferClaim(undo.request_id, undo.claim_id)
  }
)

export const cancelLicenseTransferClaimWorkflowId = "cancel-license-transfer-claim"

/**
 * The admin cancels an approved transfer whose claim was not redeemed yet
 * (docs/transfers.md): the request ends `canceled`, the link answers
 * claim_not_found, the license stays with its owner.
 */
export const cancelLicenseTransferClaimWorkflow = createWorkflow(
  cancelLicenseTransferClaimWorkflowId,
  (input: CancelLicenseTransferClaimInput) => {
    const canceled = cancelLicenseTransferClaimStep(input)
    const event = transform({ canceled }, ({ canceled }) => ({
      id: canceled.request.license_id,
      transfer_request_id: canceled.request.id,
      claim_id: canceled.claim_id,
    }))
    emitEventStep({ eventName: ClaimEvents.CANCELED, data: event }).config({ name: "emit-license-transfer-claim-canceled" })
    return new WorkflowResponse(canceled)
  }
)
