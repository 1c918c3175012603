import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCancelLicenseTransferClaim,
  AdminDecideLicenseTransfer,
  AdminListLicenseTransfersQuery,
  AdminTransferLicense,
} from "./validators"

/** /admin/license-transfers (docs/transfers.md). */
export const adminLicenseTransferMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/license-transfers",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListLicenseTransfersQuery, {})],
  },
  {
    matcher: "/admin/license-transfers",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminTransferLicense)],
  },
  {
    matcher: "/admin/license-transfers/:id/approve",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminDecideLicenseTransfer)],
  },
  {
    matcher: "/admin/license-transfers/:id/deny",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminDecideLicenseTransfer)],
  },
  {
    matcher: "/admin/license-transfers/:id/cancel",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCancelLicenseTransferClaim)],
  },
]
