import { model } from "@medusajs/framework/utils"

/**
 * What revocation did to an order, recorded whether or not its keys existed
 * yet: a refund, a cancellation (line_item_id null: the whole order) or the
 * returned quantity of one line item. Issuance reads it under the same
 * per-order lock, so keys issued late (reconciliation after a lost
 * order.placed) never come out live for an order that was already undone.
 */
const LicenseOrderRevocation = model
  .define("license_order_revocation", {
    id: model.id({ prefix: "lorv" }).primaryKey(),
    order_id: model.text(),
    line_item_id: model.text().nullable(),
    reason: model.text(),
    returned_quantity: model.number().nullable(),
    /** Keys this line's returns have revoked so far: what a further return still owes is the difference. */
    keys_revoked: model.number().default(0),
  })
  .indexes([{ on: ["order_id"] }])

export default LicenseOrderRevocation
