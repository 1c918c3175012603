import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE, type LicenseActor } from "../../modules/license"
import type { IssueLicenseInput, IssueLicensesResult } from "../../modules/license/service"
import type LicenseModuleService from "../../modules/license/service"

export type IssueLicensesStepInput = { units: IssueLicenseInput[]; actor: LicenseActor }

/**
 * Issues the keys in one transaction. Idempotent (see
 * LicenseModuleService.issueLicenses), so a retry or a second delivery of the
 * same event adds only what is missing. No compensation: keys already issued
 * for paid units stay; revocation is a business decision, not a rollback.
 */
export const issueLicensesStep = createStep(
  { name: "issue-licenses", maxRetries: 2 },
  async ({ units, actor }: IssueLicensesStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: IssueLicensesResult = await licenseModule.issueLicenses(units, actor)
    return new StepResponse(result)
  }
)
