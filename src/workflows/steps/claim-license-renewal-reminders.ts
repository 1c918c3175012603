import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type ClaimLicenseRenewalRemindersInput = { now: string; limit: number }

/**
 * Claims the renewal reminders due now (LicenseModuleService.claimRenewalReminders). A claim is kept when a later
 * step fails: the reminder is claimed again once its lease is over, and its notification's idempotency key keeps it
 * from going out twice.
 */
export const claimLicenseRenewalRemindersStep = createStep(
  "claim-license-renewal-reminders",
  async ({ now, limit }: ClaimLicenseRenewalRemindersInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.claimRenewalReminders(new Date(now), limit))
  }
)
