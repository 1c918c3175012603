import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCreateLicenseWebhook,
  AdminListLicenseWebhookDeliveriesQuery,
  AdminUpdateLicenseWebhook,
} from "./validators"

/** /admin/license-webhooks (docs/webhooks.md); Medusa adds admin auth to every /admin route. */
export const adminLicenseWebhookMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/license-webhooks",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateLicenseWebhook)],
  },
  {
    matcher: "/admin/license-webhooks/:id",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateLicenseWebhook)],
  },
  {
    matcher: "/admin/license-webhooks/:id/deliveries",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListLicenseWebhookDeliveriesQuery, {})],
  },
]
