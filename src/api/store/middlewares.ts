import { type MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreListCustomerLicensesQuery } from "./validators"

/** Customer routes: Medusa already requires the publishable key and a logged-in customer on /store/customers/me*. */
export const storeLicenseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/licenses",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreListCustomerLicensesQuery, { defaults: ["id"], isList: true })],
  },
]
