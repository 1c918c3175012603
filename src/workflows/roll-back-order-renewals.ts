import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { LicenseEvents } from "../modules/license/types"
import { type RollBackLicenseRenewalsStepInput, rollBackLicenseRenewalsStep } from "./steps/roll-back-license-renewals"
import { renewalRolledBackEvents } from "./utils/renewal-rolled-back-event"
import { rollBackOrderUpgrades } from "./utils/roll-back-upgrades"

/**
 * Takes back the extensions a renewal order bought (a cancellation: all of them; docs/renewals-and-upgrades.md) and
 * emits license.renewal_rolled_back for each. Later extensions of the same key stay; the key is not revoked. The
 * order's upgrades go back too (utils/roll-back-upgrades.ts).
 */
export const rollBackOrderRenewalsWorkflow = createWorkflow(
  "roll-back-order-renewals",
  (input: RollBackLicenseRenewalsStepInput) => {
    const rolledBack = rollBackLicenseRenewalsStep(input)
    const events = transform({ rolledBack }, ({ rolledBack }) => renewalRolledBackEvents(rolledBack))
    emitEventStep({ eventName: LicenseEvents.RENEWAL_ROLLED_BACK, data: events })
    rollBackOrderUpgrades(input)
    return new WorkflowResponse(rolledBack)
  }
)
