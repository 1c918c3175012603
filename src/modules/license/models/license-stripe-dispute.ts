import { model } from "@medusajs/framework/utils"

/**
 * What the webhook knows of one Stripe dispute, whatever order its events came
 * in: `opened_at` once its `charge.dispute.created` was applied (keys suspended
 * at most once per dispute), `status` `open` or the status it closed with
 * (`won`, `lost`, `warning_closed`), so a late `charge.dispute.created` of a
 * dispute already won suspends nothing.
 */
const LicenseStripeDispute = model
  .define("license_stripe_dispute", {
    id: model.id({ prefix: "lsdsp" }).primaryKey(),
    dispute_id: model.text(),
    payment_intent_id: model.text(),
    order_id: model.text().nullable(),
    status: model.text(),
    opened_at: model.dateTime().nullable(),
    closed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["dispute_id"], unique: true }])

export default LicenseStripeDispute
