import type { MedusaContainer } from "@medusajs/framework/types"
import { retryLicenseIssuedEmailsWorkflow } from "../workflows/retry-license-issued-emails"

/**
 * Retries the e-mails with an order's keys that failed: bounded attempts with
 * exponential backoff (issuance-notice/policy.ts). Every instance may run it:
 * rows are claimed with FOR UPDATE SKIP LOCKED and a fencing counter, so no
 * e-mail is sent by two at once.
 */
export default async function retryLicenseIssuedEmails(container: MedusaContainer, at?: unknown) {
  // Medusa's job loader calls a job as handler(container, context): only a Date
  // (tests) sets the clock, anything else means now.
  const now = at instanceof Date ? at : new Date()
  const { result } = await retryLicenseIssuedEmailsWorkflow(container).run({ input: { now: now.toISOString() } })
  return result
}

export const config = {
  name: "license-keys-retry-issuance-emails",
  schedule: "* * * * *",
}
