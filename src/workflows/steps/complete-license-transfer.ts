import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE, type LicenseActor } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { LicenseTransferResult } from "../../modules/license/service"

export type CompleteLicenseTransferInput = {
  request_id: string
  recipient: { id: string; email: string; discord_id?: string | null }
  actor: LicenseActor
  note?: string | null
}

/**
 * Moves the license, releases its slots, writes its events and approves the
 * request, in one transaction (LicenseModuleService.completeLicenseTransfer).
 * No compensation: like issuance, an approved transfer is a business decision;
 * the steps after it do not fail the workflow.
 */
export const completeLicenseTransferStep = createStep(
  "complete-license-transfer",
  async ({ request_id, recipient, actor, note }: CompleteLicenseTransferInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const result: LicenseTransferResult = await licenseModule.completeLicenseTransfer(
      request_id,
      recipient,
      actor,
      note ?? null
    )
    return new StepResponse(result)
  }
)
