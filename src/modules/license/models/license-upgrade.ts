import { model } from "@medusajs/framework/utils"

/**
 * One move of a key to another variant bought through the checkout (docs/renewals-and-upgrades.md "Upgrades"): the
 * order line that paid for it, the key's variant, cap and policy snapshot before and after, and when a refund,
 * cancellation or return took it back. At most one per order line item, however often order.placed is handled. It is
 * the license's upgrade history.
 */
const LicenseUpgrade = model
  .define("license_upgrade", {
    id: model.id({ prefix: "lupg" }).primaryKey(),
    license_id: model.text(),
    order_id: model.text(),
    line_item_id: model.text(),
    from_variant_id: model.text(),
    to_variant_id: model.text(),
    /** The key's snapshot before and after (rules/upgrade-terms.ts UpgradeSnapshot). */
    previous: model.json(),
    applied: model.json(),
    rolled_back_at: model.dateTime().nullable(),
    /** refund, canceled or returned. */
    rolled_back_reason: model.text().nullable(),
    /** Slots over the old cap that the roll-back released (newest first). */
    released_activations: model.number().default(0),
  })
  .indexes([
    { on: ["line_item_id"], unique: true },
    { on: ["license_id", "created_at"] },
    { on: ["order_id"] },
  ])

export default LicenseUpgrade
