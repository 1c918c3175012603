import { MAX_LICENSE_FILE_TTL_HOURS, MIN_LICENSE_FILE_TTL_HOURS } from "../../modules/license/rules/license-file-ttl"
import { z } from "@medusajs/framework/zod"
import { MAX_GRACE_DAYS } from "../../modules/license/rules/expiry"
import { MAX_DAILY_VERIFY_QUOTA } from "../../modules/license/rules/daily-quota"
import { LICENSE_LIST_ORDERS } from "../../modules/license/rules/license-list-order"
import { HEARTBEAT_MAX_INTERVAL_SECONDS, HEARTBEAT_MIN_INTERVAL_SECONDS } from "../../modules/license/rules/heartbeat"
import { dateField } from "../utils/date-field"

const statuses = ["active", "expired", "suspended", "revoked", "grace"] as const
const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).optional()

export const AdminListLicensesQuery = z.object({
  q: z.string().max(200).optional(),
  status: oneOrMany(z.enum(statuses)),
  customer_id: oneOrMany(z.string()),
  order_id: oneOrMany(z.string()),
  product_id: oneOrMany(z.string()),
  variant_id: oneOrMany(z.string()),
  expiring_within_days: z.coerce.number().int().min(0).max(36500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  order: z.enum(LICENSE_LIST_ORDERS).optional(),
})
export type AdminListLicensesQuery = z.infer<typeof AdminListLicensesQuery>

/** A Discord user id, 17-20 digits (checked first with a typed 400 by api/utils/discord-id.ts). */
const discordId = z.string().regex(/^\d{17,20}$/, "A Discord ID is 17 to 20 digits.").nullable().optional()

export const AdminIssueLicense = z
  .object({
    // The customer identity (docs/migrating-from-keyport.md): a customer, or an e-mail and/or a Discord id.
    customer_id: z.string().min(1).nullable().optional(),
    customer_email: z.string().trim().email().max(320).nullable().optional(),
    customer_discord_id: discordId,
    variant_id: z.string().min(1),
    expires_at: dateField().nullable().optional(),
    max_activations: z.number().int().min(0).max(1_000_000).optional(),
    notes: z.string().max(5000).nullable().optional(),
  })
  .strict()
  .refine((body) => !!(body.customer_id || body.customer_email || body.customer_discord_id), {
    message: "Pick a customer, or enter an e-mail or a Discord ID.",
    path: ["customer_id"],
  })
export type AdminIssueLicense = z.infer<typeof AdminIssueLicense>

export const AdminSetLicensePolicies = z
  .object({
    policies: z
      .array(
        z
          .object({
            variant_id: z.string().min(1),
            licensed: z.boolean(),
            max_activations: z.number().int().min(0).max(1_000_000),
            term_days: z.number().int().min(1).max(36500).nullable(),
            /** null = 3 x max_activations, 0 = unlimited (docs/admin.md "Deactivation budget"). */
            deactivations_per_30_days: z.number().int().min(0).max(1_000_000).nullable().optional(),
            /** What happens at expiry (docs/renewals-and-upgrades.md "Expiry, grace and trials"); absent = unchanged. */
            expiry_strategy: z.enum(["revoke_access", "maintain_access"]).optional(),
            /** Days after expiry during which the key still verifies as `grace`; 0 = none. */
            grace_days: z.number().int().min(0).max(MAX_GRACE_DAYS).optional(),
            /** When the term starts: at issuance or at the first activation. */
            expiry_basis: z.enum(["from_issuance", "from_first_activation"]).optional(),
            /** Local and staging sites verify without a slot (docs/verify-api.md "Local and staging sites"); absent = unchanged, on for a new policy. */
            local_sites_free: z.boolean().optional(),
            /** Feature codes copied onto keys issued from now on (docs/entitlements-and-license-files.md); absent = unchanged. */
            entitlements: z.array(z.string().max(200)).max(100).optional(),
            /** Hours an offline license file is valid: at least 1, default 720 (30 days); absent = unchanged. */
            license_file_ttl_hours: z.number().int().min(MIN_LICENSE_FILE_TTL_HOURS).max(MAX_LICENSE_FILE_TTL_HOURS).optional(),
            /** Machine seats need a heartbeat every this many seconds, plus grace (docs/verify-api.md "Heartbeats and floating seats"); null = off; absent = unchanged. */
            heartbeat_interval_seconds: z.number().int().min(HEARTBEAT_MIN_INTERVAL_SECONDS).max(HEARTBEAT_MAX_INTERVAL_SECONDS).nullable().optional(),
            /** A trial policy: one key per customer e-mail per product; its term counts from the first activation unless expiry_basis says otherwise. */
            trial: z.boolean().optional(),
            // Renewals (docs/renewals-and-upgrades.md); absent = unchanged
            renewable: z.boolean().optional(),
            renewal_price_type: z.enum(["percent_off", "fixed"]).optional(),
            renewal_discount_percent: z.number().int().min(0).max(100).optional(),
            renewal_fixed_price: z.number().min(0).max(1_000_000_000).nullable().optional(),
            renewal_term_days: z.number().int().min(1).max(36500).nullable().optional(),
            renewal_basis: z.enum(["from_expiry", "from_now_if_expired"]).optional(),
            reminder_offsets_days: z.array(z.number().int().min(-365).max(365)).max(10).nullable().optional(),
            /** Upgrades (docs/renewals-and-upgrades.md "Upgrades"): other licensed variants of the product; absent = unchanged. */
            upgrade_paths: z.array(z.string().trim().min(1).max(100)).max(50).nullable().optional(),
          })
          .strict()
      )
      .min(1)
      .max(500),
  })
  .strict()
export type AdminSetLicensePolicies = z.infer<typeof AdminSetLicensePolicies>

// Store-wide settings (docs/verify-api.md "Local and staging sites"): the service normalises and checks each pattern.
export const AdminUpdateLicenseStoreSettings = z
  .object({ local_site_patterns: z.array(z.string().max(300)).max(200) })
  .strict()
export type AdminUpdateLicenseStoreSettings = z.infer<typeof AdminUpdateLicenseStoreSettings>

// Product controls (docs/product-controls.md): the service normalises and checks the values.
const versionMode = z.enum(["off", "pinned", "range"])
const versionPin = z.string().max(64).nullable()
const versionRange = z.string().max(200).nullable()
const customData = z.record(z.string(), z.unknown()).nullable()
const blockRules = z.array(z.string().max(300)).max(500)

export const AdminUpdateProductLicenseSettings = z
  .object({
    require_api_key: z.boolean().optional(),
    enforce_activation_limit: z.boolean().optional(),
    enforce_expiry: z.boolean().optional(),
    sign_answers: z.boolean().optional(),
    version_mode: versionMode.optional(),
    version_pinned: versionPin.optional(),
    version_range: versionRange.optional(),
    custom_data: customData.optional(),
    archived: z.boolean().optional(),
    blocked_domains: blockRules.optional(),
    blocked_ips: blockRules.optional(),
    /** Off: no webhook is queued for this product's licenses (docs/webhooks.md). */
    webhooks_enabled: z.boolean().optional(),
    /** Which identity counts toward the cap (docs/product-controls.md "IP enforcement"). */
    ip_enforcement: z.enum(["domain_or_ip", "domain_only", "ip_only"]).optional(),
    /** Verify calls per UTC day of the product's keys; 0 = no quota (docs/product-controls.md "Daily verify quota"). */
    daily_verify_quota: z.number().int().min(0).max(MAX_DAILY_VERIFY_QUOTA).optional(),
  })
  .strict()
export type AdminUpdateProductLicenseSettings = z.infer<typeof AdminUpdateProductLicenseSettings>

export const AdminProductUsageQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
})
export type AdminProductUsageQuery = z.infer<typeof AdminProductUsageQuery>

// Admin actions ---

/** The list filters without paging: what GET /admin/licenses/export exports. */
export const AdminExportLicensesQuery = AdminListLicensesQuery.omit({ limit: true, offset: true, order: true })
export type AdminExportLicensesQuery = z.infer<typeof AdminExportLicensesQuery>

/** POST /admin/licenses/:id/entitlements: codes to add and to remove (the service checks their shape: invalid_entitlement). */
const entitlementCodes = z.array(z.string().max(200)).max(100).optional()
export const AdminChangeLicenseEntitlements = z.object({ add: entitlementCodes, remove: entitlementCodes }).strict()
export type AdminChangeLicenseEntitlements = z.infer<typeof AdminChangeLicenseEntitlements>

export const AdminUpdateLicense = z
  .object({
    /** null = lifetime. */
    expires_at: dateField().nullable().optional(),
    /** 0 = unlimited; below the used count keeps existing activations and refuses new ones. */
    max_activations: z.number().int().min(0).max(1_000_000).optional(),
    notes: z.string().max(5000).nullable().optional(),
    // Overrides of the product's controls (docs/product-controls.md); version_mode null = follow the product.
    version_mode: versionMode.nullable().optional(),
    version_pinned: versionPin.optional(),
    version_range: versionRange.optional(),
    custom_data: customData.optional(),
    blocked_domains: blockRules.nullable().optional(),
    blocked_ips: blockRules.nullable().optional(),
    /** The license's deactivation budget per rolling 30 days: null = the policy's, 0 = unlimited (docs/admin.md). */
    deactivations_per_30_days: z.number().int().min(0).max(1_000_000).nullable().optional(),
    /** The customer identity's Discord user id; null removes it. */
    customer_discord_id: discordId,
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: "Give at least one field to change" })
export type AdminUpdateLicense = z.infer<typeof AdminUpdateLicense>

const licenseIds = z.array(z.string().min(1).max(100)).min(1).max(1000)

export const AdminRevokeLicense = z.object({ reason: z.string().trim().min(1).max(500) }).strict()
export type AdminRevokeLicense = z.infer<typeof AdminRevokeLicense>

export const AdminBulkRevokeLicenses = z
  .object({ ids: licenseIds, reason: z.string().trim().min(1).max(500) })
  .strict()
export type AdminBulkRevokeLicenses = z.infer<typeof AdminBulkRevokeLicenses>

/** Suspend and reinstate: an optional reason, kept in the history. */
export const AdminSuspendLicense = z.object({ reason: z.string().trim().max(500).optional() }).strict()
export type AdminSuspendLicense = z.infer<typeof AdminSuspendLicense>

export const AdminListLicensePoliciesQuery = z.object({
  licensed: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
})
export type AdminListLicensePoliciesQuery = z.infer<typeof AdminListLicensePoliciesQuery>

// Deactivation budget and history (docs/admin.md) ---

const booleanFlag = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional()

/** DELETE /admin/licenses/:id/activations/:activation_id?override=true frees past the budget, uncounted. */
export const AdminReleaseActivationQuery = z.object({ override: booleanFlag }).strict()
export type AdminReleaseActivationQuery = z.infer<typeof AdminReleaseActivationQuery>

const pageLimit = z.coerce.number().int().min(1).max(100).default(20)
const pageOffset = z.coerce.number().int().min(0).max(10_000_000).default(0)

/** GET /admin/licenses/:id: one page of activations (held first) and one of history (newest first). */
export const AdminLicenseDetailQuery = z
  .object({
    activations_limit: pageLimit,
    activations_offset: pageOffset,
    events_limit: pageLimit,
    events_offset: pageOffset,
  })
export type AdminLicenseDetailQuery = z.infer<typeof AdminLicenseDetailQuery>
