import { defineMiddlewares } from "@medusajs/framework/http"
import { adminLicenseMiddlewares } from "./admin/middlewares"
import { adminLicenseTransferMiddlewares } from "./admin/license-transfers/middlewares"
import { adminLicenseWebhookMiddlewares } from "./admin/license-webhooks/middlewares"
import { hooksMiddlewares } from "./hooks/middlewares"
import { licensesMiddlewares } from "./licenses/middlewares"
import { storeLicenseMiddlewares } from "./store/middlewares"
import { storeLicenseTransferMiddlewares } from "./store/customers/me/licenses/[id]/transfer/middlewares"
import { storeLicenseClaimMiddlewares } from "./store/customers/me/license-claims/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminLicenseMiddlewares,
    ...licensesMiddlewares,
    ...storeLicenseMiddlewares,
    ...hooksMiddlewares,
    // Webhooks and transfers
    ...adminLicenseWebhookMiddlewares,
    ...adminLicenseTransferMiddlewares,
    ...storeLicenseTransferMiddlewares,
    ...storeLicenseClaimMiddlewares,
  ],
})
