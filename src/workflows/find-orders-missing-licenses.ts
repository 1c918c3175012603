import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type FindOrdersMissingLicensesInput, findOrdersMissingLicensesStep } from "./steps/find-orders-missing-licenses"

export const findOrdersMissingLicensesWorkflow = createWorkflow(
  "find-orders-missing-licenses",
  (input: FindOrdersMissingLicensesInput) => new WorkflowResponse(findOrdersMissingLicensesStep(input))
)
