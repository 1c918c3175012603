import type { MedusaContainer } from "@medusajs/framework/types"
import { sendLicenseWebhooksWorkflow } from "../workflows/send-license-webhooks"

/**
 * Sends the webhook deliveries that are due: retries after their backoff, and
 * any first attempt the immediate send could not make (a busy process, a
 * restart). Every instance may run it: rows are claimed with FOR UPDATE SKIP
 * LOCKED, so no delivery is sent by two at once (docs/webhooks.md).
 * LICENSE_WEBHOOKS_POLL_INTERVAL_MS sets how often (default 5000 ms).
 */
export default async function sendLicenseWebhooks(container: MedusaContainer) {
  const { result } = await sendLicenseWebhooksWorkflow(container).run({ input: {} })
  return result
}

const interval = Number(process.env.LICENSE_WEBHOOKS_POLL_INTERVAL_MS)

export const config = {
  name: "license-keys-send-webhooks",
  schedule: { interval: Number.isInteger(interval) && interval >= 100 ? interval : 5000 },
}
