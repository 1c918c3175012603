import { defineMiddlewares } from "@medusajs/framework/http"
import { licenseErrorHandler } from "./input-guard/error-handler"
import { inputGuardMiddlewares } from "./input-guard/reject-invalid-input"
import { adminLicenseMiddlewares } from "./admin/middlewares"
import { adminLicenseTransferMiddlewares } from "./admin/license-transfers/middlewares"
import { adminLicenseWebhookMiddlewares } from "./admin/license-webhooks/middlewares"
import { hooksMiddlewares } from "./hooks/middlewares"
import { licensesMiddlewares } from "./licenses/middlewares"
import { storeLicenseMiddlewares } from "./store/middlewares"
import { storeLicenseTransferMiddlewares } from "./store/customers/me/licenses/[id]/transfer/middlewares"
import { storeLicenseClaimMiddlewares } from "./store/customers/me/license-claims/middlewares"
import { adminReleaseMiddlewares } from "./admin/products/[id]/releases/middlewares"
import { storeLicenseRenewalMiddlewares } from "./store/renewals/middlewares"
import { keyPortMiddlewares } from "./api/v1/middlewares"

export default defineMiddlewares({
  // Bad input on every plugin route (docs/admin.md, "Bad input"): NUL bytes refused, keys masked in the request log, PostgreSQL data exceptions answered 400.
  errorHandler: licenseErrorHandler,
  routes: [
    ...inputGuardMiddlewares,
    ...adminLicenseMiddlewares,
    ...licensesMiddlewares,
    ...storeLicenseMiddlewares,
    ...hooksMiddlewares,
    // Webhooks and transfers
    ...adminLicenseWebhookMiddlewares,
    ...adminLicenseTransferMiddlewares,
    ...storeLicenseTransferMiddlewares,
    ...storeLicenseClaimMiddlewares,
    // Software delivery (docs/software-delivery.md)
    ...adminReleaseMiddlewares,
    // Renewals
    ...storeLicenseRenewalMiddlewares,
    // The KeyPort-compatible API (docs/migrating-from-keyport.md)
    ...keyPortMiddlewares,
  ],
})
