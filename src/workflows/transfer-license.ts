import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { approveLicenseTransferWorkflow } from "./approve-license-transfer"
import { createAdminLicenseTransferStep } from "./steps/create-admin-license-transfer"

export type TransferLicenseInput = {
  license_id: string
  email: string
  /** The admin user making the transfer. */
  actor_id: string
  note?: string | null
}

export const transferLicenseWorkflowId = "transfer-license"

/**
 * An admin's direct transfer: a request made by the admin and approved at once
 * by the same steps as an owner's request, so the history reads the same.
 */
export const transferLicenseWorkflow = createWorkflow(transferLicenseWorkflowId, (input: TransferLicenseInput) => {
  const request = createAdminLicenseTransferStep({
    license_id: input.license_id,
    email: input.email,
    actor_id: input.actor_id,
  })
  const approval = transform({ request, input }, ({ request, input }) => ({
    request_id: request.id,
    actor_id: input.actor_id,
    note: input.note ?? null,
  }))
  const transfer = approveLicenseTransferWorkflow.runAsStep({ input: approval })
  return new WorkflowResponse(transfer)
})
