import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { FindOrdersMissingLicensesInput } from "./steps/find-orders-missing-licenses"
import { findOrdersMissingRenewalsStep } from "./steps/find-orders-missing-renewals"

export const findOrdersMissingRenewalsWorkflow = createWorkflow(
  "find-orders-missing-renewals",
  (input: FindOrdersMissingLicensesInput) => new WorkflowResponse(findOrdersMissingRenewalsStep(input))
)
