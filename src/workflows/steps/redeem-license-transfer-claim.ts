import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

export type RedeemLicenseTransferClaimInput = { customer: { id: string; email: string; discord_id?: string | null }; token_hash: string }

/**
 * Redeems a claim token for the logged-in customer, in one transaction
 * (LicenseModuleService.redeemTransferClaim): the claim row is locked, so of
 * two concurrent redeems one moves the license and the other reads it used.
 * A refusal is a result (typed code), not a failure. No compensation: like an
 * approved transfer, a redeemed claim is final.
 */
export const redeemLicenseTransferClaimStep = createStep(
  "redeem-license-transfer-claim",
  async ({ customer, token_hash }: RedeemLicenseTransferClaimInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    return new StepResponse(await licenseModule.redeemTransferClaim(customer, token_hash))
  }
)
