import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import { applyStripeLicenseEventWorkflow } from "../../../../workflows/apply-stripe-license-event"
import { stripeWebhookAnswer } from "./answer"
import { licenseActionForStripeEvent } from "./license-action"
import { verifyStripeSignature } from "./verify-signature"

export const AUTHENTICATE = false

/**
 * POST /hooks/licenses/stripe: refunds and disputes made in the Stripe dashboard,
 * which Medusa's Stripe provider ignores. Only signed deliveries are acted on
 * (400 otherwise); events for payment intents of no order answer 200 and change
 * nothing; an event id already processed answers 200 and changes nothing; a
 * failure answers 500 and records nothing, so that Stripe's retry acts.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("Cache-Control", "no-store")
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const secret = licenses.getStripeWebhookSecret()
  if (!secret) {
    res.status(503).json({
      code: "not_configured",
      message: "No Stripe webhook signing secret is configured (STRIPE_LICENSE_WEBHOOK_SECRET).",
    })
    return
  }
  const check = verifyStripeSignature(req.rawBody, req.headers["stripe-signature"], secret)
  if (!check.ok) {
    res.status(400).json({ code: "invalid_signature", message: check.message })
    return
  }

  const action = licenseActionForStripeEvent(check.event)
  if (action.type === "ignore") {
    res.status(200).json({ received: true, action: "ignored", reason: action.reason })
    return
  }
  const { result } = await applyStripeLicenseEventWorkflow(req.scope).run({
    input: { ...action, event_id: check.event.id, event_type: check.event.type },
  })
  res.status(200).json(stripeWebhookAnswer(action, result))
}
