import { model } from "@medusajs/framework/utils"

/**
 * How many verify calls a product answered with each code on one UTC day.
 * Counted in memory and added here in batches (controls/usage-counter.ts), so
 * the hot path never writes per request.
 */
const LicenseUsageDay = model
  .define("license_usage_day", {
    id: model.id({ prefix: "lusg" }).primaryKey(),
    product_id: model.text(),
    // YYYY-MM-DD (UTC)
    day: model.text(),
    code: model.text(),
    count: model.number().default(0),
  })
  .indexes([{ on: ["product_id", "day", "code"], unique: true }])

export default LicenseUsageDay
