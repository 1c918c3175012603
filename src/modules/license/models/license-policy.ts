import { model } from "@medusajs/framework/utils"

/** How a product variant is licensed. One row per variant; no row = not licensed. */
const LicensePolicy = model
  .define("license_policy", {
    id: model.id({ prefix: "lpol" }).primaryKey(),
    variant_id: model.text(),
    product_id: model.text(),
    licensed: model.boolean().default(false),
    // 0 = unlimited
    max_activations: model.number().default(1),
    // null = lifetime
    term_days: model.number().nullable(),
    // Deactivations allowed per rolling 30 days: null = 3 x the license's max_activations, 0 = unlimited
    deactivations_per_30_days: model.number().nullable(),
    // What happens at expiry (rules/expiry.ts, docs/renewals-and-upgrades.md "Expiry, grace and trials").
    expiry_strategy: model.enum(["revoke_access", "maintain_access"]).default("revoke_access"),
    // Days after expiry during which the key still verifies, as `grace` (0 = none).
    grace_days: model.number().default(0),
    // Local and staging sites verify without a slot (rules/local-sites.ts); on for new policies, off for earlier ones.
    local_sites_free: model.boolean().default(true),
    // Machines keep a seat only while they verify within this interval plus grace (rules/heartbeat.ts); null = off.
    heartbeat_interval_seconds: model.number().nullable(),
    // When the term starts: at issuance, or at the key's first activation.
    expiry_basis: model.enum(["from_issuance", "from_first_activation"]).default("from_issuance"),
    // A trial: one key per customer e-mail per product (rules/trials.ts).
    trial: model.boolean().default(false),
    // Renewals (rules/renewal-terms.ts, docs/renewals-and-upgrades.md)
    renewable: model.boolean().default(false),
    renewal_price_type: model.enum(["percent_off", "fixed"]).default("percent_off"),
    renewal_discount_percent: model.number().default(0),
    // In the cart's currency, major units (Medusa's prices); used with renewal_price_type = fixed
    renewal_fixed_price: model.bigNumber().nullable(),
    // null = term_days
    renewal_term_days: model.number().nullable(),
    renewal_basis: model.enum(["from_expiry", "from_now_if_expired"]).default("from_expiry"),
    // Days around expiry (negative = before); null = -30, -7, +1, +7; [] = none
    reminder_offsets_days: model.json().nullable(),
    // Upgrades (rules/upgrade-terms.ts): the variants of the same product a key of this variant may move to; null = none
    upgrade_paths: model.array().nullable(),
    // Feature codes copied onto every key issued for this variant (rules/entitlements.ts).
    entitlements: model.array().default([]),
    // Hours an offline license file of a key of this variant is valid (rules/license-file.ts); at least 1, 720 = 30 days.
    license_file_ttl_hours: model.number().default(720),
  })
  .indexes([
    { on: ["variant_id"], unique: true },
    { on: ["product_id"] },
  ])
  .checks([
    { name: "license_policy_max_activations_check", expression: (columns) => `${columns.max_activations} >= 0` },
    {
      name: "license_policy_deactivations_per_30_days_check",
      expression: (columns) => `${columns.deactivations_per_30_days} IS NULL OR ${columns.deactivations_per_30_days} >= 0`,
    },
    { name: "license_policy_license_file_ttl_hours_check", expression: (columns) => `${columns.license_file_ttl_hours} >= 1` },
    {
      name: "license_policy_heartbeat_interval_seconds_check",
      expression: (columns) =>
        `${columns.heartbeat_interval_seconds} IS NULL OR (${columns.heartbeat_interval_seconds} >= 60 AND ${columns.heartbeat_interval_seconds} <= 2592000)`,
    },
    { name: "license_policy_term_days_check", expression: (columns) => `${columns.term_days} IS NULL OR ${columns.term_days} > 0` },
    {
      name: "license_policy_renewal_discount_percent_check",
      expression: (columns) => `${columns.renewal_discount_percent} >= 0 AND ${columns.renewal_discount_percent} <= 100`,
    },
    {
      name: "license_policy_renewal_term_days_check",
      expression: (columns) => `${columns.renewal_term_days} IS NULL OR ${columns.renewal_term_days} > 0`,
    },
  ])

export default LicensePolicy
