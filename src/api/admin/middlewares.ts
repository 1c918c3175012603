import {
  type MiddlewareRoute,
  unlessPath,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminChangeLicenseEntitlements,
  AdminBulkRevokeLicenses,
  AdminExportLicensesQuery,
  AdminIssueLicense,
  AdminListLicensePoliciesQuery,
  AdminListLicensesQuery,
  AdminRevokeLicense,
  AdminSetLicensePolicies,
  AdminSuspendLicense,
  AdminProductUsageQuery,
  AdminUpdateLicense,
  AdminUpdateProductLicenseSettings,
  AdminUpdateLicenseStoreSettings,
} from "./validators"
import { AdminLicenseDetailQuery, AdminReleaseActivationQuery } from "./validators"
import { OfflineActivationSchema } from "../licenses/validators"
import { checkCustomerDiscordId, checkLicenseDiscordId, requireCustomerIdentity } from "../utils/discord-id"
import { AdminLicensingOverviewQuery } from "./licenses/overview/validators"

/**
 * `/admin/licenses/:id` also matches the static routes next to it (route
 * middlewares run for every matching pattern), so the edit validator skips them.
 */
const NOT_A_LICENSE_ID = /^\/admin\/licenses\/(bulk-revoke|export|overview)\/?$/

export const adminLicenseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/licenses",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListLicensesQuery, { defaults: ["id"], isList: true })],
  },
  {
    matcher: "/admin/licenses",
    methods: ["POST"],
    middlewares: [checkLicenseDiscordId, requireCustomerIdentity, validateAndTransformBody(AdminIssueLicense)],
  },
  {
    matcher: "/admin/products/:id/license-policies",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSetLicensePolicies)],
  },
  {
    matcher: "/admin/products/:id/license-settings",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateProductLicenseSettings)],
  },
  {
    matcher: "/admin/license-settings",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateLicenseStoreSettings)],
  },
  {
    matcher: "/admin/products/:id/license-usage",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminProductUsageQuery, {})],
  },
  // Admin actions ---
  {
    matcher: "/admin/licenses/export",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminExportLicensesQuery, {})],
  },
  {
    matcher: "/admin/licenses/bulk-revoke",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminBulkRevokeLicenses)],
  },
  {
    matcher: "/admin/licenses/:id",
    methods: ["POST"],
    middlewares: [
      unlessPath(NOT_A_LICENSE_ID, checkLicenseDiscordId),
      unlessPath(NOT_A_LICENSE_ID, validateAndTransformBody(AdminUpdateLicense)),
    ],
  },
  {
    matcher: "/admin/licenses/:id/entitlements",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminChangeLicenseEntitlements)],
  },
  {
    matcher: "/admin/licenses/:id/offline-activation",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(OfflineActivationSchema)],
  },
  {
    matcher: "/admin/licenses/:id/revoke",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminRevokeLicense)],
  },
  {
    matcher: "/admin/licenses/:id/suspend",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSuspendLicense)],
  },
  {
    matcher: "/admin/licenses/:id/reinstate",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSuspendLicense)],
  },
  // Deactivation budget and history (docs/admin.md) ---
  {
    matcher: "/admin/licenses/:id",
    methods: ["GET"],
    middlewares: [unlessPath(NOT_A_LICENSE_ID, validateAndTransformQuery(AdminLicenseDetailQuery, {}))],
  },
  {
    matcher: "/admin/licenses/:id/activations/:activation_id",
    methods: ["DELETE"],
    middlewares: [validateAndTransformQuery(AdminReleaseActivationQuery, {})],
  },
  // Licensing overview (docs/admin.md) ---
  {
    matcher: "/admin/licenses/overview",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminLicensingOverviewQuery, {})],
  },
  {
    matcher: "/admin/license-policies",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListLicensePoliciesQuery, {})],
  },
  // A customer's Discord ID (metadata.discord_id, docs/migrating-from-keyport.md): 400 invalid_discord_id
  { matcher: "/admin/customers", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
  { matcher: "/admin/customers/:id", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
]
