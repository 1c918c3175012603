import { model } from "@medusajs/framework/utils"

/**
 * A Stripe event the webhook /hooks/licenses/stripe acted on, by Stripe's event
 * id. Written in the same transaction as the license changes it caused
 * (stripe/apply-stripe-event.ts), so a repeat of the id changes nothing and a
 * delivery that failed half-way left no row: Stripe's retry acts.
 */
const LicenseStripeEvent = model
  .define("license_stripe_event", {
    id: model.id({ prefix: "lsevt" }).primaryKey(),
    stripe_event_id: model.text(),
    type: model.text(),
    order_id: model.text().nullable(),
    processed_at: model.dateTime(),
  })
  .indexes([{ on: ["stripe_event_id"], unique: true }])

export default LicenseStripeEvent
