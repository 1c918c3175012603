import { model } from "@medusajs/framework/utils"

/**
 * How many verify calls of a product's keys counted toward its daily verify
 * quota on one UTC day (docs/product-controls.md "Daily verify quota"). Unlike
 * license_usage_day (write-behind, approximate across instances), this row is
 * written by one atomic statement per counted call (sql/quota.ts), so the
 * quota is exact across any number of server processes. Rows exist only for
 * products with a quota.
 */
const LicenseQuotaDay = model
  .define("license_quota_day", {
    id: model.id({ prefix: "lqday" }).primaryKey(),
    product_id: model.text(),
    // YYYY-MM-DD (UTC)
    day: model.text(),
    count: model.number().default(0),
  })
  .indexes([{ on: ["product_id", "day"], unique: true }])

export default LicenseQuotaDay
