import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ISSUANCE_NOTICE_BATCH } from "../../modules/license/rules/issuance-notice-policy"
import { sendLicenseIssuedEmails } from "./license-issued-email"

export type SendLicenseIssuedEmailsInput = {
  /** Only this order's e-mail. */
  order_id?: string | null
  /** The clock (ISO); now when absent. Tests move it forward. */
  now?: string | null
}

/** Sends the issuance e-mails that are due (retries), claimed so no two senders take the same one. */
export const sendLicenseIssuedEmailsStep = createStep(
  "send-license-issued-emails",
  async (input: SendLicenseIssuedEmailsInput, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    return new StepResponse(
      await sendLicenseIssuedEmails(container, { orderId: input.order_id ?? null, now, limit: ISSUANCE_NOTICE_BATCH })
    )
  }
)
