import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import { RevokeReason } from "../../../../modules/license/service"
import { reinstateOrderLicensesWorkflow } from "../../../../workflows/reinstate-order-licenses"
import { revokeRefundedOrderLicensesWorkflow } from "../../../../workflows/revoke-refunded-order-licenses"
import { suspendOrderLicensesWorkflow } from "../../../../workflows/suspend-order-licenses"
import { DISPUTE_REASON, DISPUTE_WON_REASON, licenseActionForStripeEvent } from "./license-action"
import { verifyStripeSignature } from "./verify-signature"

export const AUTHENTICATE = false

/**
 * POST /hooks/licenses/stripe: refunds and disputes made in the Stripe dashboard,
 * which Medusa's Stripe provider ignores. Only signed deliveries are acted on
 * (400 otherwise); events for payment intents of no order answer 200 and change
 * nothing; a failure answers 500 so that Stripe delivers again (every action is
 * idempotent).
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
  switch (action.type) {
    case "ignore":
      res.status(200).json({ received: true, action: "ignored", reason: action.reason })
      return
    case "refund": {
      const { result } = await revokeRefundedOrderLicensesWorkflow(req.scope).run({
        input: { payment_intent_id: action.payment_intent_id, amounts: action.amounts, data: action.data },
      })
      res.status(200).json({
        received: true,
        action: result.revoke ? "revoke" : "ignored",
        order_id: result.order_id,
        changed: result.revoked.length,
        reason: result.order_id ? (result.revoke ? RevokeReason.REFUND : "partial refund") : "unknown payment intent",
      })
      return
    }
    case "suspend": {
      const { result } = await suspendOrderLicensesWorkflow(req.scope).run({
        input: { payment_intent_id: action.payment_intent_id, reason: DISPUTE_REASON, data: action.data },
      })
      res.status(200).json({ received: true, action: "suspend", order_id: result.order_id, changed: result.changed.length })
      return
    }
    case "reinstate": {
      const { result } = await reinstateOrderLicensesWorkflow(req.scope).run({
        input: {
          payment_intent_id: action.payment_intent_id,
          suspended_with: { reason: DISPUTE_REASON, dispute_id: action.dispute_id },
          reason: DISPUTE_WON_REASON,
          data: action.data,
        },
      })
      res.status(200).json({ received: true, action: "reinstate", order_id: result.order_id, changed: result.changed.length })
      return
    }
  }
}
