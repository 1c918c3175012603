import { model } from "@medusajs/framework/utils"

/**
 * A product's licensing controls (docs/product-controls.md). No row = the
 * defaults: no API key required, limits and expiry enforced, answers signed,
 * no version gating, no custom data, not archived, nothing blocked. The Verify
 * lookup joins this row, so every control is read in the hot path's one query.
 */
const LicenseProductSetting = model
  .define("license_product_setting", {
    id: model.id({ prefix: "lpset" }).primaryKey(),
    product_id: model.text(),
    require_api_key: model.boolean().default(false),
    // SHA-256 of the product API key; the key itself is shown once, never stored.
    api_key_hash: model.text().nullable(),
    // The key's first characters ("lk_live_ab12"), so the admin can tell keys apart.
    api_key_prefix: model.text().nullable(),
    api_key_created_at: model.dateTime().nullable(),
    enforce_activation_limit: model.boolean().default(true),
    enforce_expiry: model.boolean().default(true),
    sign_answers: model.boolean().default(true),
    version_mode: model.enum(["off", "pinned", "range"]).default("off"),
    version_pinned: model.text().nullable(),
    version_range: model.text().nullable(),
    custom_data: model.json().nullable(),
    archived_at: model.dateTime().nullable(),
    // Set when the Medusa product is deleted: verify answers configuration_error (docs/verify-api.md).
    product_deleted_at: model.dateTime().nullable(),
    blocked_domains: model.array(),
    blocked_ips: model.array(),
    // Off: no webhook delivery is queued for this product's licenses (docs/webhooks.md).
    webhooks_enabled: model.boolean().default(true),
    // Which identity counts toward the cap: domain_or_ip, domain_only, ip_only (docs/product-controls.md).
    ip_enforcement: model.enum(["domain_or_ip", "domain_only", "ip_only"]).default("domain_or_ip"),
    // Verify calls per UTC day the product's keys may make; 0 = no quota (docs/product-controls.md "Daily verify quota").
    daily_verify_quota: model.number().default(0),
  })
  .indexes([
    { on: ["product_id"], unique: true },
    { on: ["api_key_hash"], unique: true, where: "api_key_hash IS NOT NULL" },
  ])
  .checks([
    { name: "license_product_setting_daily_verify_quota_check", expression: (columns) => `${columns.daily_verify_quota} >= 0` },
  ])

export default LicenseProductSetting
