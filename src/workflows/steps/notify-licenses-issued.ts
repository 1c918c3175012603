import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE, type LicenseDTO } from "../../modules/license"
import { safeErrorMessage } from "../../modules/license/issuance-notice/redact"
import type LicenseModuleService from "../../modules/license/service"
import { type IssuedEmailSummary, sendLicenseIssuedEmails } from "./license-issued-email"

export type NotifyLicensesIssuedInput = {
  order_id: string
  order_display_id?: number | null
  email?: string | null
  licenses: LicenseDTO[]
}

/**
 * Records that the order's keys must be e-mailed (once per order) and makes the
 * first attempt right away (see license-issued-email.ts). It never fails the
 * issuance: a failed e-mail is recorded and retried by the
 * `license-keys-retry-issuance-emails` job, and the admin sees it on the order.
 */
export const notifyLicensesIssuedStep = createStep(
  "notify-licenses-issued",
  async (input: NotifyLicensesIssuedInput, { container }) => {
    if (!input.email || !input.licenses.length) {
      return new StepResponse<IssuedEmailSummary | null>(null)
    }
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    try {
      const now = new Date()
      await licenseModule.queueIssuanceNotice(input.order_id, now)
      return new StepResponse<IssuedEmailSummary | null>(
        await sendLicenseIssuedEmails(container, { orderId: input.order_id, now, limit: 1 })
      )
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(`License keys: could not e-mail the keys of order ${input.order_id} yet: ${safeErrorMessage(error)}`)
      return new StepResponse<IssuedEmailSummary | null>(null)
    }
  }
)
