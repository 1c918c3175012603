import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { PlacedOrderWindow } from "./utils/placed-order-pages"
import { findOrdersMissingRenewalsStep } from "./steps/find-orders-missing-renewals"

export const findOrdersMissingRenewalsWorkflow = createWorkflow(
  "find-orders-missing-renewals",
  (input: PlacedOrderWindow) => new WorkflowResponse(findOrdersMissingRenewalsStep(input))
)
