import { model } from "@medusajs/framework/utils"

/**
 * One extension of a license's expiry bought through the checkout (docs/renewals-and-upgrades.md): the order line
 * that paid for it, the expiry before and after, and when a refund, cancellation or return took it back. At most one
 * per order line item, however often order.placed is handled. It is the license's renewal history.
 */
const LicenseRenewal = model
  .define("license_renewal", {
    id: model.id({ prefix: "lren" }).primaryKey(),
    license_id: model.text(),
    order_id: model.text(),
    line_item_id: model.text(),
    /** How many terms the line bought (its quantity) and the days each adds. */
    terms: model.number().default(1),
    term_days: model.number(),
    basis: model.enum(["from_expiry", "from_now_if_expired"]),
    previous_expires_at: model.dateTime(),
    new_expires_at: model.dateTime(),
    rolled_back_at: model.dateTime().nullable(),
    /** refund, canceled or returned. */
    rolled_back_reason: model.text().nullable(),
    /** The expiry right after the roll-back. */
    rolled_back_expires_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["line_item_id"], unique: true },
    { on: ["license_id", "created_at"] },
    { on: ["order_id"] },
  ])

export default LicenseRenewal
