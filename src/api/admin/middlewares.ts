import { type MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminIssueLicense, AdminListLicensesQuery, AdminSetLicensePolicies } from "./validators"

export const adminLicenseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/licenses",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListLicensesQuery, { defaults: ["id"], isList: true })],
  },
  {
    matcher: "/admin/licenses",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminIssueLicense)],
  },
  {
    matcher: "/admin/products/:id/license-policies",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSetLicensePolicies)],
  },
]
