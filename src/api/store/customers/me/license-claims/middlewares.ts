import { type MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreRedeemLicenseClaim } from "./validators"

/** Redeeming a transfer claim (docs/transfers.md); Medusa requires a logged-in customer on /store/customers/me*. */
export const storeLicenseClaimMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/license-claims",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreRedeemLicenseClaim)],
  },
]
