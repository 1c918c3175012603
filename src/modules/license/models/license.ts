import { model } from "@medusajs/framework/utils"
import LicenseActivation from "./license-activation"
import LicenseEvent from "./license-event"

const License = model
  .define("license", {
    id: model.id({ prefix: "lic" }).primaryKey(),
    // HMAC-SHA256 of the key's body: the only way to find a license by key.
    key_hash: model.text(),
    // AES-256-GCM of the key, to show it to its owner and the admin.
    key_encrypted: model.text(),
    // The key's last group, in clear, for search.
    key_hint: model.text(),
    status: model.enum(["active", "suspended", "revoked"]).default("active"),
    // Why it is suspended, while it is: billing (a payment dispute) or manual (the admin); rules/suspension.ts.
    suspension: model.enum(["billing", "manual"]).nullable(),
    customer_id: model.text().nullable(),
    customer_email: model.text().nullable(),
    // A Discord user id (17-20 digits) of the customer identity, snapshot at issuance (rules/discord-id.ts).
    customer_discord_id: model.text().nullable(),
    order_id: model.text().nullable(),
    order_display_id: model.number().nullable(),
    line_item_id: model.text().nullable(),
    unit_index: model.number().default(0),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    product_title: model.text().nullable(),
    variant_title: model.text().nullable(),
    expires_at: model.dateTime().nullable(),
    // 0 = unlimited
    max_activations: model.number().default(1),
    activations_used: model.number().default(0),
    // The admin's override of the deactivation budget: null = the policy's (docs/admin.md), 0 = unlimited
    deactivations_per_30_days: model.number().nullable(),
    notes: model.text().nullable(),
    revoked_at: model.dateTime().nullable(),
    revoke_reason: model.text().nullable(),
    metadata: model.json().nullable(),
    // Per-license overrides of the product's controls (docs/product-controls.md).
    // version_mode null = follow the product.
    version_mode: model.enum(["off", "pinned", "range"]).nullable(),
    version_pinned: model.text().nullable(),
    version_range: model.text().nullable(),
    // Merged over the product's custom_data in every valid answer's `data`.
    custom_data: model.json().nullable(),
    blocked_domains: model.array().nullable(),
    blocked_ips: model.array().nullable(),
    // Snapshot of the policy's expiry rules at issuance (rules/expiry.ts).
    expiry_strategy: model.enum(["revoke_access", "maintain_access"]).default("revoke_access"),
    grace_days: model.number().default(0),
    // Snapshot of the policy's "local and staging sites are free" (rules/local-sites.ts); false on keys issued before it.
    local_sites_free: model.boolean().default(false),
    // Snapshot of the policy's heartbeat interval (rules/heartbeat.ts); null = machines keep their seat until freed.
    heartbeat_interval_seconds: model.number().nullable(),
    expiry_basis: model.enum(["from_issuance", "from_first_activation"]).default("from_issuance"),
    // Feature codes: the policy's at issuance, then the admin's adds and removals (rules/entitlements.ts).
    entitlements: model.array().default([]),
    // With from_first_activation: the term that starts at the first activation, while expires_at is unset.
    activation_term_days: model.number().nullable(),
    // expires_at + grace_days, kept by a database trigger (Migration20261202200000); null = no grace.
    grace_ends_at: model.dateTime().nullable(),
    // On a trial key: the lower-cased e-mail it was issued to; unique per product (Migration20261202210000).
    trial_email: model.text().nullable(),
    // Set while a trial key is a paid key: when, and the order whose refund rolls it back (trials/convert-trials.ts).
    trial_converted_at: model.dateTime().nullable(),
    trial_conversion_order_id: model.text().nullable(),
    activations: model.hasMany(() => LicenseActivation, { mappedBy: "license" }),
    events: model.hasMany(() => LicenseEvent, { mappedBy: "license" }),
  })
  .indexes([
    { on: ["key_hash"], unique: true },
    // One key per licensed unit of a line item, however often issuance runs.
    { on: ["line_item_id", "unit_index"], unique: true, where: "line_item_id IS NOT NULL" },
    { on: ["key_hint"] },
    { on: ["customer_id"] },
    { on: ["customer_email"] },
    { name: "IDX_license_customer_discord_id", on: ["customer_discord_id"], where: "customer_discord_id IS NOT NULL" },
    { on: ["order_id"] },
    { on: ["order_display_id"] },
    { on: ["product_id"] },
    { on: ["variant_id"] },
    { on: ["status"] },
    // The admin list's orders and its time-based filters at scale (Migration20261209100000, docs/performance.md).
    // Its trigram index on customer_email (the e-mail search) lives in that migration only: the DML cannot name
    // an operator class. activations_used is left unindexed so the Verify API's updates of it stay HOT.
    // Migration20261210100000 only (the DML can declare neither an expression nor INCLUDE): lower(customer_email)
    // (a whole e-mail address), (status, expires_at) INCLUDE (grace_ends_at, created_at, id) (expired, expiring), and
    // (grace_ends_at) INCLUDE (status, expires_at, created_at, id), which replaced the grace_ends_at index.
    { name: "IDX_license_created_at_id", on: ["created_at", "id"] },
    { name: "IDX_license_product_title_id", on: ["product_title", "id"] },
    { name: "IDX_license_max_activations_id", on: ["max_activations", "id"] },
    { name: "IDX_license_status_id", on: ["status", "id"] },
    // Replaces the one-column expires_at index (dropped by that migration: the planner sorted 300,000 lifetime keys with it).
    { name: "IDX_license_expires_at_id", on: ["expires_at", "id"] },
    { name: "IDX_license_status_expires_at", on: ["status", "expires_at", "grace_ends_at"] },
  ])
  .checks([
    { name: "license_max_activations_check", expression: (c) => `${c.max_activations} >= 0` },
    { name: "license_activations_used_check", expression: (c) => `${c.activations_used} >= 0` },
    {
      name: "license_deactivations_per_30_days_check",
      expression: (c) => `${c.deactivations_per_30_days} IS NULL OR ${c.deactivations_per_30_days} >= 0`,
    },
  ])
  .cascades({ delete: ["activations", "events"] })

export default License
